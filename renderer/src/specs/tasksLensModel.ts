/**
 * What the plain editor shows on tasks.md (pure, so it is unit-tested without Monaco): a code lens above each task
 * not yet done — "Start task" when the task runner is installed, otherwise the task's state and requirements — and
 * a hover with the task's state and the criteria it cites.
 */
import { parseTasks, type Task, type TasksDoc } from '../../../specs-schema';
import { TASK_STATE_LABEL } from './naming';

export const STATE_GLYPH: Record<Task['state'], string> = { open: '○', inProgress: '◐', done: '●', skipped: '⊘', unknown: '?' };

export interface LensItem {
  /** 1-based line of the task. */
  line: number;
  taskKey: string;
  title: string;
  /** Clickable (runs Start task) when the runner exists; plain text otherwise. */
  start: boolean;
}

const refsOf = (t: Task): string[] => t.refs.flatMap((r) => r.items.map((i) => i.raw));

/** "○ open · Requirements 1.2, 2.1" — a task's state and refs in one line. */
export function taskSummary(t: Task): string {
  const refs = refsOf(t);
  const state = t.state === 'inProgress' ? 'in progress' : t.state;
  return `${STATE_GLYPH[t.state]} ${state}${t.optional ? ' · optional' : ''}${refs.length ? ` · Requirements ${refs.join(', ')}` : ''}`;
}

export const lensTaskKey = (t: Task): string => t.id ?? `line:${t.line + 1}`;

/** Lenses above each task not done: its state and refs, preceded by a clickable "Start task" when the runner exists. */
export function taskLenses(doc: TasksDoc, canStart: boolean): LensItem[] {
  return doc.all
    .filter((t) => t.state === 'open' || t.state === 'inProgress')
    .flatMap((t) => {
      const summary: LensItem = { line: t.line + 1, taskKey: lensTaskKey(t), title: taskSummary(t), start: false };
      return canStart ? [{ ...summary, title: '▶ Start task', start: true }, summary] : [summary];
    });
}

/** The task whose own lines (checkbox line or details, not sub-tasks) include 0-based `line`. */
export function taskAt(doc: TasksDoc, line: number): Task | undefined {
  return doc.all.find((t) => t.line === line || t.detailLines.includes(line));
}

/** Hover text (Markdown) for a task: title, state, optional, and each cited requirement with its text if known. */
export function taskHover(t: Task, criteria: ReadonlyMap<string, string>): string {
  const head = `**${t.id ? `Task ${t.id}` : 'Task'}** — ${TASK_STATE_LABEL[t.state]}${t.optional ? ' (optional)' : ''}`;
  const lines = t.refs.flatMap((r) =>
    r.items.map((i) => {
      if (i.ids.length === 0) return `- ${i.raw}`;
      const known = i.ids.map((id) => criteria.get(id));
      return known.every((k) => k === undefined) && criteria.size > 0 ? `- ${i.raw} — ⚠ not defined in the requirements` : `- ${i.raw}${known[0] ? ` — ${known[0]}` : ''}`;
    }),
  );
  return [head, lines.length ? `Requirements:\n${lines.join('\n')}` : '_Cites no requirement._'].join('\n\n');
}

export { parseTasks };
