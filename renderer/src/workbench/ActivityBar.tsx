import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { Icon } from './icons';

/** Only the views that exist are shown (Explorer for now); clicking the active one hides the side bar. */
export function ActivityBar() {
  const { sidebarVisible, toggleSidebar } = useLayout();
  const key = getServices().registry.get('workbench.view.explorer')?.keyLabel;
  return (
    <nav className="activity-bar" aria-label="Views">
      <button
        className={`activity-item${sidebarVisible ? ' active' : ''}`}
        title={`Explorer (${key})`}
        aria-label="Explorer"
        aria-pressed={sidebarVisible}
        data-testid="activity-explorer"
        onClick={toggleSidebar}
      >
        <Icon name="files" size={24} />
      </button>
    </nav>
  );
}
