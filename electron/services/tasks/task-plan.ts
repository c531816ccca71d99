/**
 * What to run, read from tasks.md: which task a key names, the order of Run all, and the task's own text. Pure
 * (specs-schema only), so the runner, the CLI and the tests share one reading of the document.
 */
import { findTask, parentOf, type Task, type TasksDoc } from '../../../specs-schema';

/**
 * A task is addressed by its id (`2.1`); a task without a number by `line:<n>`, its 1-based line as the editor
 * shows it (the spec panes use the same key).
 */
export function taskKey(task: Task): string {
  return task.id ?? `line:${task.line + 1}`;
}

export function locateTask(doc: TasksDoc, key: string): Task | undefined {
  const byLine = /^line:(\d+)$/.exec(key);
  if (byLine) return findTask(doc, Number(byLine[1]) - 1);
  return findTask(doc, key);
}

/** Open or in progress (a stale `[-]` left by someone else is still work to do); done, skipped and unknown are not. */
export function isPending(task: Task): boolean {
  return task.state === 'open' || task.state === 'inProgress';
}

/** The sub-tasks a group must finish before it counts as done: the non-optional ones. */
export function requiredChildren(task: Task): Task[] {
  return task.children.filter((c) => !c.optional);
}

/**
 * Run all's work list: every pending, non-optional top-level task in document order. A task with sub-tasks is run
 * as a group (its pending sub-tasks first, then the parent is ticked), so the list holds only top-level entries.
 * When tasks.md ends with a task dependency graph, the tasks it names come first, wave by wave (a wave's tasks
 * depend on every earlier wave; within a wave, the graph's order), then whatever the graph leaves out, in document
 * order. A sub-task run on its own ticks its parent when it was the last one, as the runner does everywhere.
 */
export function runAllOrder(doc: TasksDoc): Task[] {
  const plain = doc.tasks.filter((t) => !t.optional && isPending(t));
  if (!doc.graph) return plain;
  const out: Task[] = [];
  const listed = new Set<Task>();
  for (const wave of doc.graph.waves) {
    for (const id of wave.tasks) {
      const task = findTask(doc, id);
      if (!task || listed.has(task) || !isPending(task) || optionalWithin(doc, task) || ancestors(doc, task).some((a) => listed.has(a))) continue;
      out.push(task);
      listed.add(task);
    }
  }
  for (const t of plain) if (!listed.has(t)) out.push(t);
  return out;
}

/** The task or one of its parents is optional: Run all skips it, as it skips optional tasks without a graph. */
function optionalWithin(doc: TasksDoc, task: Task): boolean {
  return task.optional || ancestors(doc, task).some((a) => a.optional);
}

function ancestors(doc: TasksDoc, task: Task): Task[] {
  const out: Task[] = [];
  for (let p = parentOf(doc, task); p; p = parentOf(doc, p)) out.push(p);
  return out;
}

/** The task's block exactly as written (its line, details and sub-tasks), for the executor's prompt. */
export function taskBlockText(doc: TasksDoc, task: Task): string {
  return doc.lines
    .slice(task.line, task.endLine + 1)
    .map((l) => l.text)
    .join('\n');
}

/** Criterion (`1.2`) and requirement (`3`) ids the task and its sub-tasks cite, first mention first. */
export function citedIds(task: Task): string[] {
  const seen = new Set<string>();
  const visit = (t: Task): void => {
    for (const list of t.refs) for (const item of list.items) for (const id of item.ids) seen.add(id);
    t.children.forEach(visit);
  };
  visit(task);
  return [...seen];
}

/** One-line description for logs and notifications: `2.1 Reject unknown priorities`. */
export function taskLabel(task: Task): string {
  return task.id ? `${task.id} ${task.title.trim()}` : task.title.trim();
}
