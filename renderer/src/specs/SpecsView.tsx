import { useEffect, useMemo, useState } from 'react';
import './specs.css';
import type { SpecSummary } from '../../../protocol';
import { getServices } from '../app/services';
import { useDocuments } from '../state/documents';
import { useTabs } from '../state/tabs';
import { Icon } from '../workbench/icons';
import { driftKey, startDrift, useDrift } from './driftStore';
import { openSpec } from './specActions';
import { useSpecs, startSpecsList } from './specsStore';
import { specTabId } from './specTab';
import { NewSpecForm } from './NewSpecForm';
import { count } from './plural';

/** Side bar view: every spec of the workspace with its type and progress, and the New Spec form. */
export function SpecsView() {
  const { specs, loaded, error } = useSpecs();
  const active = useTabs((s) => s.active);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void startSpecsList(getServices().client);
    startDrift(getServices().client);
  }, []);
  return (
    <div className="specs-view" data-testid="specs-view">
      <div className="pane-header">
        <span className="pane-title">{loaded ? `${specs.length} ${specs.length === 1 ? 'spec' : 'specs'}` : ''}</span>
        <div className="pane-actions specs-actions">
          <button className="icon-button" title="New Spec" aria-label="New Spec" data-testid="spec-new" onClick={() => setCreating(true)}>
            <Icon name="plus" />
          </button>
          <button className="icon-button" title="Refresh Specs" aria-label="Refresh Specs" onClick={() => void startSpecsList(getServices().client)()}>
            <Icon name="refresh" />
          </button>
        </div>
      </div>
      {creating && <NewSpecForm existing={specs} onDone={() => setCreating(false)} />}
      <div className="specs-list" role="list" aria-label="Specs">
        {error && <div className="tree-message error">Could not list the specs: {error}</div>}
        {loaded && !error && specs.length === 0 && !creating && (
          <div className="specs-empty">
            <p>No specs in this workspace yet. A spec turns an idea into requirements, a design and a task list under .kiro/specs.</p>
            <button className="button primary" onClick={() => setCreating(true)}>
              New Spec
            </button>
          </div>
        )}
        {specs.map((spec) => (
          <SpecRow key={spec.dir} spec={spec} active={active === specTabId(spec.dir)} />
        ))}
      </div>
    </div>
  );
}

function SpecRow({ spec, active }: { spec: SpecSummary; active: boolean }) {
  const { done, total } = spec.tasks;
  const pct = total ? Math.round((done / total) * 100) : 0;
  // Unsaved edits live on in the open documents even after the spec's tab is closed: say so here.
  const unsaved = useDocuments((s) => Object.values(spec.files).some((p) => p !== undefined && s.docs[p]?.dirty));
  const findings = useDrift((s) => s.findings);
  const drift = useMemo(() => {
    const mine = findings.filter((f) => f.specDir === spec.dir);
    return { tasks: new Set(mine.map((f) => driftKey(f.specDir, f.taskId))).size, reasons: mine.map((f) => f.message).join('\n') };
  }, [findings, spec.dir]);
  const showDrift = (e: React.MouseEvent | React.KeyboardEvent) => {
    e.stopPropagation();
    openSpec(spec, 'tasks');
  };
  return (
    <div
      className={`spec-row${active ? ' selected' : ''}`}
      role="listitem"
      tabIndex={0}
      data-testid="spec-row"
      data-spec={spec.name}
      title={spec.dir}
      onClick={() => openSpec(spec)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') openSpec(spec);
      }}
    >
      <div className="spec-row-top">
        <span className="spec-name">{spec.name}</span>
        {unsaved && <span className="spec-unsaved" title="Unsaved changes — open the spec and save (Ctrl+S)" aria-label="unsaved changes" data-testid="spec-unsaved" />}
        <span className={`spec-type ${spec.type}`}>{spec.type === 'bugfix' ? 'Bugfix' : 'Feature'}</span>
      </div>
      <div className="spec-row-progress" title={total ? `${done} of ${count(total, 'task')} done` : 'No tasks yet'}>
        <span className="progress-bar" aria-hidden="true">
          <span style={{ width: `${pct}%` }} />
        </span>
        {drift.tasks > 0 && (
          <button
            className="spec-drift"
            data-testid="spec-drift"
            title={`${drift.tasks} done ${drift.tasks === 1 ? 'task has' : 'tasks have'} drifted — click to see ${drift.tasks === 1 ? 'it' : 'them'} in Tasks:\n${drift.reasons}`}
            onClick={showDrift}
            onKeyDown={(e) => e.key === 'Enter' && showDrift(e)}
          >
            {drift.tasks} drifted
          </button>
        )}
        <span className="spec-count" data-testid="spec-progress">
          {total ? `${done}/${total}` : 'no tasks'}
        </span>
      </div>
    </div>
  );
}
