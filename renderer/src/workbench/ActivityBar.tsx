import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { useSideView } from '../specs/sideView';
import { SpecsIcon } from '../specs/SpecsIcon';
import { SearchIcon } from '../search/SearchIcon';
import { Icon } from './icons';

/** Only the views that exist are shown (Explorer for now); clicking the active one hides the side bar. */
export function ActivityBar() {
  const { sidebarVisible, toggleSidebar } = useLayout();
  const key = getServices().registry.get('workbench.view.explorer')?.keyLabel;
  const view = useSideView((s) => s.view);
  // Clicking the shown view hides the side bar; clicking another one switches to it, as in VS Code.
  const pick = (v: typeof view) => {
    if (sidebarVisible && view === v) return toggleSidebar();
    useSideView.getState().show(v);
    useLayout.getState().setSidebar(true);
  };
  return (
    <nav className="activity-bar" aria-label="Views">
      <button
        className={`activity-item${sidebarVisible && view === 'explorer' ? ' active' : ''}`}
        title={`Explorer (${key})`}
        aria-label="Explorer"
        aria-pressed={sidebarVisible && view === 'explorer'}
        data-testid="activity-explorer"
        onClick={() => pick('explorer')}
      >
        <Icon name="files" size={24} />
      </button>
      <button
        className={`activity-item${sidebarVisible && view === 'search' ? ' active' : ''}`}
        title={`Search (${getServices().registry.get('workbench.view.search')?.keyLabel})`}
        aria-label="Search"
        aria-pressed={sidebarVisible && view === 'search'}
        data-testid="activity-search"
        onClick={() => pick('search')}
      >
        <SearchIcon />
      </button>
      <button
        className={`activity-item${sidebarVisible && view === 'specs' ? ' active' : ''}`}
        title="Specs"
        aria-label="Specs"
        aria-pressed={sidebarVisible && view === 'specs'}
        data-testid="activity-specs"
        onClick={() => pick('specs')}
      >
        <SpecsIcon />
      </button>
    </nav>
  );
}
