import { useEffect, useMemo, useState } from 'react';
import {
  addTask,
  countTasks,
  indentTask,
  moveTask,
  outdentTask,
  parseTasks,
  removeTask,
  setTaskOptional,
  setTaskState,
  setTaskTitle,
  type Diagnostic,
  type EditResult,
  type Task,
  type TasksDoc,
  type TasksMetaDoc,
  metaFor,
  waveIndexOf,
} from '../../../specs-schema';
import { notifyError } from '../state/notifications';
import { DriftNotice } from './DriftNotice';
import { driftReasons, taskDrift, useDrift } from './driftStore';
import { EditableText } from './EditableText';
import { nextTaskState, TASK_STATE_LABEL } from './naming';
import { flash, useSpecEditors } from './specEditorStore';
import { specDirOf } from './specTab';
import { RUN_ALL_TASKS, runTaskCommand, START_TASK, useHasCommand } from './taskCommands';
import { editDoc, useDocText } from './useDocText';
import { count } from './plural';
import { useTasksMeta } from './useTasksMeta';

/** The key traceability and the task commands use: the task's id, or its 1-based line when it has none. */
export const taskKey = (t: Task): string => t.id ?? `line:${t.line + 1}`;

/** tasks.md as a tree: state checkboxes, optional marks, requirement chips, and structure edits. */
export function TasksPane({ tab, path, readOnly, diagnostics }: { tab: string; path: string; readOnly: boolean; diagnostics?: Diagnostic[] }) {
  const text = useDocText(path);
  const doc = useMemo(() => (text === undefined ? undefined : parseTasks(text)), [text]);
  const [adding, setAdding] = useState<{ parent?: Task } | null>(null);
  const reveal = useSpecEditors((s) => s.editors[tab]?.reveal);
  const canRunAll = useHasCommand(RUN_ALL_TASKS);
  const meta = useTasksMeta(specDirOf(tab));
  const ready = doc !== undefined;
  useEffect(() => {
    if (!reveal || !ready) return;
    useSpecEditors.getState().clearReveal(tab);
    return flash(document.querySelector(`[data-task-key="${CSS.escape(reveal)}"]`));
  }, [reveal, tab, ready]);
  if (text === undefined || !doc) return <div className="editor-loading" aria-busy="true" />;
  const counts = countTasks(doc);
  const pct = counts.total ? Math.round((counts.done / counts.total) * 100) : 0;
  const apply = (result: EditResult) => {
    const refused = result.diagnostics.find((d) => d.severity === 'error');
    if (refused) return notifyError('The task list was not changed', new Error(refused.message));
    editDoc(path, text, result);
  };
  return (
    <div className="spec-pane tasks-pane" data-testid="tasks-pane">
      <div className="pane-toolbar">
        <div className="tasks-progress" data-testid="tasks-progress" title={`${counts.done} of ${count(counts.total, 'task')} done`}>
          <span className="progress-bar wide" aria-hidden="true">
            <span style={{ width: `${pct}%` }} />
          </span>
          <span>
            {counts.done}/{counts.total} done{counts.inProgress ? ` · ${counts.inProgress} in progress` : ''}
          </span>
        </div>
        {canRunAll && counts.done < counts.total && (
          <button className="button primary" data-testid="tasks-run-all" title="Run the open tasks one after another" onClick={() => void runTaskCommand(RUN_ALL_TASKS, { specDir: specDirOf(tab) })}>
            Run All
          </button>
        )}
        {!readOnly && (
          <button className="button secondary" data-testid="task-add" onClick={() => setAdding({})}>
            Add Task
          </button>
        )}
      </div>
      {doc.all.length === 0 && !adding && <p className="pane-empty">No tasks yet. Add the first step of the implementation plan.</p>}
      <ul className="task-tree" role="tree" aria-label="Tasks">
        {doc.tasks.map((t) => (
          <TaskNode key={t.line} doc={doc} meta={meta} task={t} tab={tab} diagnostics={diagnostics} readOnly={readOnly} apply={apply} onAddSub={(parent) => setAdding({ parent })} adding={adding} onAdd={(r) => { setAdding(null); apply(r); }} onCancelAdd={() => setAdding(null)} />
        ))}
      </ul>
      {adding && !adding.parent && <NewTaskForm doc={doc} onAdd={(r) => { setAdding(null); apply(r); }} onCancel={() => setAdding(null)} />}
    </div>
  );
}

interface NodeProps {
  doc: TasksDoc;
  meta: TasksMetaDoc | undefined;
  diagnostics?: Diagnostic[];
  task: Task;
  tab: string;
  readOnly: boolean;
  apply: (r: EditResult) => void;
  onAddSub: (parent: Task) => void;
  adding: { parent?: Task } | null;
  onAdd: (r: EditResult) => void;
  onCancelAdd: () => void;
}

/** The task's wave in the dependency graph at the end of tasks.md (Run all's order), with Kiro's rationale. */
function WaveBadge({ doc, task }: { doc: TasksDoc; task: Task }) {
  const k = doc.graph && task.id ? waveIndexOf(doc.graph, task.id) : undefined;
  const wave = k === undefined ? undefined : doc.graph?.waves[k];
  if (!wave) return null;
  const order = `Wave ${wave.number} of the task dependency graph: Run all starts it after every earlier wave.`;
  return (
    <span className="badge wave" data-testid="task-wave" title={wave.rationale ? `${order}\n${wave.rationale}` : order}>
      wave {wave.number}
    </span>
  );
}

/** What tasks.meta.json records for the task: runs (Kiro's and Keel's) and the last property-test result. */
function MetaBadges({ meta, doc, task }: { meta: TasksMetaDoc | undefined; doc: TasksDoc; task: Task }) {
  if (!meta) return null;
  const { runs, pbt } = metaFor(meta, doc, task);
  const last = runs.reduce((t, r) => Math.max(t, r.timestamp), 0);
  return (
    <>
      {runs.length > 0 && (
        <span className="badge runs" data-testid="task-runs" title={`Runs recorded in tasks.meta.json (by Kiro or Keel); the last on ${new Date(last).toLocaleString()}`}>
          {count(runs.length, 'run')}
        </span>
      )}
      {pbt && (
        <span className={`badge pbt ${pbt.status === 'passed' ? 'passed' : 'failed'}`} data-testid="task-pbt" title={pbt.failingExample ?? `Property-based tests ${pbt.status}`}>
          PBT {pbt.status}
        </span>
      )}
    </>
  );
}

function TaskNode(props: NodeProps) {
  const { doc, task, tab, readOnly, apply, onAddSub, adding } = props;
  const refs = task.refs.flatMap((r) => r.items.map((item) => ({ item, line: r.line })));
  // The task's own lines: its checkbox line and its details (sub-tasks report on their own rows).
  const own = [task.line, ...task.detailLines];
  const problems = (props.diagnostics ?? []).filter((d) => own.includes(d.line));
  const dangling = (line: number, column: number) => problems.find((d) => d.code === 'trace/dangling-ref' && d.line === line && d.column === column);
  const next = nextTaskState(task.state);
  const canStart = useHasCommand(START_TASK) && (task.state === 'open' || task.state === 'inProgress');
  const specDir = specDirOf(tab);
  // Drift is computed from the files on disk; once the task is re-opened here (even unsaved) it no longer applies.
  const allDrift = useDrift((s) => s.findings);
  const drift = useMemo(() => taskDrift(task.state === 'done' ? allDrift : [], specDir, task.id), [allDrift, task.state, specDir, task.id]);
  return (
    <li role="treeitem" aria-expanded={task.children.length ? true : undefined} className="task-node">
      <div className={`task-row state-${task.state}`} data-testid="task-row" data-task-id={task.id ?? ''} data-task-key={taskKey(task)} data-state={task.state}>
        <button
          className={`task-check ${task.state}`}
          role="checkbox"
          aria-checked={task.state === 'done' ? true : task.state === 'inProgress' ? 'mixed' : false}
          aria-label={`${TASK_STATE_LABEL[task.state]}: ${task.title}. Click to mark ${TASK_STATE_LABEL[next].toLowerCase()}`}
          title={`${TASK_STATE_LABEL[task.state]} — click to mark ${TASK_STATE_LABEL[next].toLowerCase()}`}
          data-testid="task-check"
          disabled={readOnly}
          onClick={() => apply(setTaskState(doc, task, next))}
        />
        {task.id && <span className="task-id">{task.id}</span>}
        <EditableText label={`Title of task ${task.id ?? task.title}`} value={task.title} readOnly={readOnly} className="task-title" onCommit={(v) => apply(setTaskTitle(doc, task, v))} />
        {task.state === 'inProgress' && <span className="badge progress">in progress</span>}
        {drift.length > 0 && (
          <span className="badge drift" data-testid="task-drift" title={driftReasons(drift)}>
            drift
          </span>
        )}
        {task.optional && <span className="badge optional" title="Optional task (- [ ]*)">optional</span>}
        <WaveBadge doc={doc} task={task} />
        <MetaBadges meta={props.meta} doc={doc} task={task} />
        {refs.map(({ item: r, line }) => {
          const broken = dangling(line, r.column);
          return (
            <button
              key={`${line}:${r.column}`}
              className={`chip${broken ? ' dangling' : r.ids.length ? '' : ' plain'}`}
              title={broken ? broken.message : r.ids.length ? `Show requirement ${r.ids.join(', ')}` : 'Not a requirement id'}
              disabled={r.ids.length === 0 || !!broken}
              data-testid="task-ref"
              onClick={() => r.ids[0] && useSpecEditors.getState().revealCriterion(tab, r.ids[0])}
            >
              {r.raw}
            </button>
          );
        })}
        {canStart && (
          <button className="task-start" data-testid="task-start" title={`Start task ${task.id ?? task.title}`} onClick={() => void runTaskCommand(START_TASK, { specDir: specDirOf(tab), taskId: taskKey(task) })}>
            ▶ Start task
          </button>
        )}
        {!readOnly && (
          <span className="row-actions">
            <ActionButton label="Add sub-task" glyph="+" onClick={() => onAddSub(task)} />
            <ActionButton label="Move up" glyph="↑" onClick={() => apply(moveTask(doc, task, 'up'))} />
            <ActionButton label="Move down" glyph="↓" onClick={() => apply(moveTask(doc, task, 'down'))} />
            <ActionButton label="Outdent" glyph="⇤" disabled={task.depth === 0} onClick={() => apply(outdentTask(doc, task))} />
            <ActionButton label="Indent" glyph="⇥" onClick={() => apply(indentTask(doc, task))} />
            <ActionButton label={task.optional ? 'Make required' : 'Make optional'} glyph="*" onClick={() => apply(setTaskOptional(doc, task, !task.optional))} />
            <ActionButton label="Delete task" glyph="✕" onClick={() => apply(removeTask(doc, task))} />
          </span>
        )}
      </div>
      {task.id && drift.length > 0 && <DriftNotice specDir={specDir} taskId={task.id} findings={drift} readOnly={readOnly} onReopen={() => apply(setTaskState(doc, task, 'open'))} />}
      {problems.some((d) => d.code !== 'trace/dangling-ref') && (
        <ul className="problems task-problems">
          {problems.filter((d) => d.code !== 'trace/dangling-ref').map((d, i) => (
            <li key={i} className={`problem ${d.severity}`} data-testid="task-problem">
              {d.message}
            </li>
          ))}
        </ul>
      )}
      {(task.children.length > 0 || adding?.parent === task) && (
        <ul role="group">
          {task.children.map((c) => (
            <TaskNode key={c.line} {...props} task={c} />
          ))}
          {adding?.parent === task && (
            <li>
              <NewTaskForm doc={doc} parent={task} onAdd={props.onAdd} onCancel={props.onCancelAdd} />
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function ActionButton({ label, glyph, onClick, disabled }: { label: string; glyph: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button className="row-action" title={label} aria-label={label} disabled={disabled} onClick={onClick}>
      {glyph}
    </button>
  );
}

/** Ids typed as "1.1, 2" (commas or spaces); anything else is kept for the user to fix. */
export function parseRefInput(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function NewTaskForm({ doc, parent, onAdd, onCancel }: { doc: TasksDoc; parent?: Task; onAdd: (r: EditResult) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [refs, setRefs] = useState('');
  const [optional, setOptional] = useState(false);
  return (
    <form
      className="inline-form"
      data-testid="new-task-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        const requirements = parseRefInput(refs);
        onAdd(addTask(doc, { title, ...(parent ? { parent } : {}), optional, ...(requirements.length ? { requirements } : {}) }));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <input autoFocus aria-label={parent ? 'Sub-task title' : 'Task title'} placeholder={parent ? 'Sub-task title' : 'Task title'} value={title} onChange={(e) => setTitle(e.target.value)} />
      <input aria-label="Requirements" className="refs-input" placeholder="Requirements, e.g. 1.1, 1.2" value={refs} onChange={(e) => setRefs(e.target.value)} />
      <label className="check-label">
        <input type="checkbox" checked={optional} onChange={(e) => setOptional(e.target.checked)} /> Optional
      </label>
      <button type="submit" className="button primary" disabled={!title.trim()}>
        Add
      </button>
      <button type="button" className="button secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
