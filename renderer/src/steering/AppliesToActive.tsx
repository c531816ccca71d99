import { useEffect, useState } from 'react';
import type { SteeringApplication } from '../../../protocol';
import { getServices } from '../app/services';
import { useTabs } from '../state/tabs';
import { editorFor } from '../workbench/contributions';
import { keyOf } from './steeringModel';
import { useSteering } from './steeringStore';

type Result = { path: string; applies: SteeringApplication[]; onRequest: SteeringApplication[] } | { path: string; error: string };

/** "Applies to the active file": the agent's own rules (steeringFor) for the file in the active editor tab. */
export function AppliesToActive() {
  const active = useTabs((s) => s.active);
  const revision = useSteering((s) => s.revision);
  // Only file tabs: spec, review and other contributed editors are not files.
  const path = active && !editorFor(active) ? active : null;
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    getServices()
      .client.request('steering/appliesTo', { path })
      .then(
        (r) => live && setResult({ path, ...r }),
        (err: unknown) => live && setResult({ path, error: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [path, revision]);
  const current = result && result.path === path ? result : null;
  return (
    <section className="steering-section steering-applies" aria-label="Applies to the active file" data-testid="steering-applies">
      <h3 className="steering-section-title">Applies to the active file</h3>
      {!path && <div className="steering-empty">Open a file to see which steering the agent would include with it.</div>}
      {path && (
        <div className="steering-active-file" title={path}>
          {path}
        </div>
      )}
      {path && current && 'error' in current && <div className="steering-hint error">{current.error}</div>}
      {path && current && !('error' in current) && (
        <>
          {current.applies.length === 0 && <div className="steering-empty">No steering applies to this file on its own.</div>}
          <ul className="steering-applies-list">
            {current.applies.map((a) => (
              <AppliesRow key={keyOf(a)} a={a} />
            ))}
          </ul>
          {current.onRequest.length > 0 && (
            <>
              <div className="steering-subtitle">On request</div>
              <ul className="steering-applies-list muted">
                {current.onRequest.map((a) => (
                  <AppliesRow key={keyOf(a)} a={a} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function AppliesRow({ a }: { a: SteeringApplication }) {
  return (
    <li data-testid="steering-applies-item">
      <button type="button" className="steering-link" onClick={() => useSteering.getState().set({ selected: keyOf(a) })} title={`Show ${a.name}`}>
        {a.source === 'agents' ? 'AGENTS.md' : a.name}
      </button>
      <span className="steering-reason">{a.reason}</span>
    </li>
  );
}
