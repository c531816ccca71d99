import { useMemo } from 'react';
import { parseBugfix, parseRequirements, parseTasks, setTaskState, type Diagnostic } from '../../../specs-schema';
import { notifyError } from '../state/notifications';
import { DriftNotice } from './DriftNotice';
import { driftReasons, taskDrift, useDrift } from './driftStore';
import type { SpecCheck } from './specDiagnostics';
import { specDirOf } from './specTab';
import { editDoc } from './useDocText';
import { useSpecEditors } from './specEditorStore';
import { traceMatrix, type Cell } from './traceMatrix';
import { count } from './plural';

interface Props {
  tab: string;
  check: SpecCheck;
  requirements?: { path: string; text: string };
  tasks?: { path: string; text: string };
}

const CELL_LABEL: Record<Exclude<Cell, null>, string> = { criterion: 'cites this criterion', requirement: 'cites the whole requirement' };

/** Requirements × tasks: which task covers which criterion; uncovered rows and dangling references stand out. */
export function TracePane({ tab, check, requirements, tasks }: Props) {
  const taskDoc = useMemo(() => (tasks ? parseTasks(tasks.text) : undefined), [tasks]);
  const matrix = useMemo(() => {
    const reqDoc = requirements ? (requirements.path.endsWith('bugfix.md') ? parseBugfix(requirements.text) : parseRequirements(requirements.text)) : undefined;
    return traceMatrix({
      graph: check.graph,
      criterionText: new Map(reqDoc?.requirements.flatMap((r) => r.criteria.map((c) => [c.id, c.text] as const)) ?? []),
      requirementsDiagnostics: requirements ? (check.byPath.get(requirements.path) ?? []) : [],
      tasksDiagnostics: tasks ? (check.byPath.get(tasks.path) ?? []) : [],
      taskLines: new Map(taskDoc?.all.map((t) => [t.id ?? `line:${t.line + 1}`, [t.line, ...t.detailLines]] as const) ?? []),
    });
  }, [check, requirements, tasks, taskDoc]);
  const editors = useSpecEditors.getState();
  const specDir = specDirOf(tab);
  const allDrift = useDrift((s) => s.findings);
  // Drift of the tasks that are still done in the live text (a task re-opened here, even unsaved, drops out).
  const drifted = useMemo(
    () => (taskDoc?.all ?? []).filter((t) => t.state === 'done' && t.id).map((t) => ({ task: t, findings: taskDrift(allDrift, specDir, t.id) })).filter((d) => d.findings.length > 0),
    [taskDoc, allDrift, specDir],
  );
  const driftByKey = new Map(drifted.map((d) => [d.task.id as string, d.findings]));
  const reopen = (taskId: string) => {
    const task = taskDoc?.all.find((t) => t.id === taskId);
    if (!tasks || !taskDoc || !task) return;
    const result = setTaskState(taskDoc, task, 'open');
    if (!editDoc(tasks.path, tasks.text, result)) notifyError(`Could not re-open task ${taskId}`, new Error('tasks.md is not open for editing'));
  };
  if (!requirements || !tasks) {
    return <p className="spec-pane pane-empty">The traceability matrix needs both {requirements ? 'a tasks.md' : 'a requirements document'} in this spec.</p>;
  }
  const { rows, columns } = matrix;
  const dangling = columns.flatMap((c) => c.dangling.map((d) => ({ column: c, d })));
  return (
    <div className="spec-pane trace-pane" data-testid="trace-pane">
      <div className="pane-toolbar">
        <span className="pane-summary" data-testid="trace-summary">
          {count(rows.filter((r) => r.kind === 'criterion').length, 'criterion', 'criteria')} × {count(columns.length, 'task')} ·{' '}
          <span className={matrix.uncovered ? 'trace-count bad' : 'trace-count'}>{matrix.uncovered} uncovered</span> ·{' '}
          <span className={matrix.dangling ? 'trace-count bad' : 'trace-count'}>{count(matrix.dangling, 'dangling reference')}</span>
          {drifted.length > 0 && (
            <>
              {' · '}
              <span className="trace-count warn" data-testid="trace-drift-count">
                {count(drifted.length, 'task')} drifted
              </span>
            </>
          )}
        </span>
        <span className="trace-legend" aria-hidden="true">
          <span className="trace-mark mark-criterion" /> cites the criterion <span className="trace-mark mark-requirement" /> cites its requirement
          {drifted.length > 0 && <span className="trace-legend-drift">⚠ changed since done</span>}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="pane-empty">No requirements yet.</p>
      ) : (
        <div className="trace-scroll">
          <table className="trace-matrix" data-testid="trace-matrix">
            <thead>
              <tr>
                <th className="trace-corner" scope="col">
                  Requirement / criterion
                </th>
                {columns.map((c) => {
                  const drift = c.id ? driftByKey.get(c.id) : undefined;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={`trace-task${c.dangling.length ? ' dangling' : ''}${drift ? ' drift' : ''}`}
                      data-drift={drift ? 'true' : undefined}
                      title={`${c.id ? `Task ${c.id}: ` : ''}${c.title}${c.dangling.map((d) => `\n⚠ ${d.message}`).join('')}${drift ? `\n⚠ Drift: ${driftReasons(drift).split('\n').join('\n⚠ Drift: ')}` : ''}`}
                    >
                      <button className="trace-task-button" data-testid="trace-task" data-task-id={c.id ?? ''} onClick={() => editors.revealTask(tab, c.key)}>
                        {c.id ?? '•'}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}:${r.id}:${r.line}`} className={`trace-row kind-${r.kind}${r.uncovered ? ' uncovered' : ''}`} data-testid="trace-row" data-id={r.id} data-uncovered={r.uncovered ? 'true' : undefined}>
                  <th scope="row" title={r.uncovered?.message ?? r.text}>
                    <button className="trace-req-button" onClick={() => editors.revealCriterion(tab, r.id)}>
                      <span className="trace-id">{r.kind === 'requirement' ? `Requirement ${r.id}` : r.id}</span>
                      <span className="trace-text">{r.text}</span>
                      {r.uncovered && <span className="trace-flag">uncovered</span>}
                    </button>
                  </th>
                  {r.cells.map((cell, k) => (
                    <td key={k} className={cell ? `cell cites-${cell}` : 'cell'} title={cell ? `Task ${columns[k]?.id ?? columns[k]?.title} ${CELL_LABEL[cell]}` : undefined}>
                      {cell && <span className={`trace-mark mark-${cell}`} aria-label={CELL_LABEL[cell]} />}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {drifted.length > 0 && (
        <section className="trace-drift" data-testid="trace-drift">
          <h3>Changed since done</h3>
          {drifted.map(({ task, findings }) => (
            <div key={task.line}>
              <button className="link-button trace-drift-task" onClick={() => editors.revealTask(tab, task.id as string)}>
                Task {task.id}: {task.title}
              </button>
              <DriftNotice specDir={specDir} taskId={task.id as string} findings={findings} onReopen={() => reopen(task.id as string)} />
            </div>
          ))}
        </section>
      )}
      {dangling.length > 0 && (
        <section className="trace-dangling" data-testid="trace-dangling">
          <h3>References to nothing</h3>
          <ul className="problems">
            {dangling.map(({ column, d }, i) => (
              <li key={i} className={`problem ${d.severity}`}>
                <button className="link-button" onClick={() => editors.revealTask(tab, column.key)}>
                  Task {column.id ?? column.title}
                </button>
                : {message(d)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

const message = (d: Diagnostic) => d.message;
