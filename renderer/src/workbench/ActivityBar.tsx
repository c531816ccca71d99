import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { getSideViews } from './contributions';

/** One button per contributed side view; clicking the shown view hides the side bar, as in VS Code. */
export function ActivityBar() {
  const { sidebarVisible, toggleSidebar, showSideView } = useLayout();
  const shown = useShownSideView();
  const pick = (id: string) => (sidebarVisible && shown === id ? toggleSidebar() : showSideView(id));
  return (
    <nav className="activity-bar" aria-label="Views">
      {getSideViews().map(({ id, title, icon: ViewIcon, commandId }) => {
        const key = commandId ? getServices().registry.get(commandId)?.keyLabel : undefined;
        const active = sidebarVisible && shown === id;
        return (
          <button
            key={id}
            className={`activity-item${active ? ' active' : ''}`}
            title={key ? `${title} (${key})` : title}
            aria-label={title}
            aria-pressed={active}
            data-testid={`activity-${id}`}
            onClick={() => pick(id)}
          >
            <ViewIcon size={24} />
          </button>
        );
      })}
    </nav>
  );
}

/** The side view to show: the chosen one if it is still contributed, else the first (a stale saved id must not blank the bar). */
export function useShownSideView(): string {
  const chosen = useLayout((s) => s.sideView);
  const views = getSideViews();
  return views.some((v) => v.id === chosen) ? chosen : (views[0]?.id ?? chosen);
}
