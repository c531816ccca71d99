import { Suspense } from 'react';
import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { getPanels, type PanelContribution } from './contributions';
import { Icon } from './icons';

/** The bottom panel: a tab per contributed panel (Terminal, Problems, …), the shown panel's toolbar, and its body. */
export function BottomPanel() {
  const chosen = useLayout((s) => s.panelView);
  const panels = getPanels();
  const shown = panels.find((p) => p.id === chosen) ?? panels[0];
  if (!shown) return null;
  const Body = shown.component;
  const Toolbar = shown.toolbar;
  const hideKey = getServices().registry.get('workbench.action.togglePanel')?.keyLabel;
  return (
    <div className="panel" data-panel={shown.id}>
      <div className="panel-header">
        <div className="panel-switcher" role="tablist" aria-label="Panels">
          {panels.map((p) => (
            <PanelTab key={p.id} panel={p} active={p.id === shown.id} />
          ))}
        </div>
        {Toolbar ? <Toolbar /> : <div className="panel-spacer" />}
        <button
          className="icon-button"
          title={`Hide Panel (${hideKey})`}
          aria-label="Hide Panel"
          onClick={() => useLayout.getState().setPanel(false)}
        >
          <Icon name="close" />
        </button>
      </div>
      <Suspense fallback={<div className="editor-loading" aria-busy="true" />}>
        <Body />
      </Suspense>
    </div>
  );
}

function PanelTab({ panel, active }: { panel: PanelContribution; active: boolean }) {
  return (
    <button
      role="tab"
      aria-selected={active}
      className={`panel-title${active ? ' active' : ''}`}
      data-testid={`panel-tab-${panel.id}`}
      onClick={() => useLayout.getState().showPanel(panel.id)}
    >
      {panel.title}
      {panel.useBadge && <PanelBadge useBadge={panel.useBadge} />}
    </button>
  );
}

function PanelBadge({ useBadge }: { useBadge: () => number }) {
  const count = useBadge();
  return count > 0 ? <span className="panel-badge">{count}</span> : null;
}
