/**
 * tasks.md: a checklist whose items are tasks (`- [ ] 1. Title`, sub-tasks indented, detail bullets, `_Requirements:_`
 * refs). Structure comes from indentation, as Markdown renders it; every checkbox item outside code fences and HTML
 * comments is a task. The document keeps its lines, so `serializeTasks(parseTasks(x)) === x`.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { findRefLists, mayHaveRefs, type RefList } from '../refs';
import { firstNonSpace, isBlank, joinLines, leadingWidth, splitLines, type SourceLine } from '../text/lines';
import { scanMarkdown, type Heading } from '../text/markdown-scan';
import { parseTaskGraph, type TaskGraph } from './task-graph';

export type TaskState = 'open' | 'inProgress' | 'done' | 'skipped' | 'unknown';

export interface Task {
  /** 0-based line of the checkbox. */
  line: number;
  /** Last non-blank line of the task's block (its details and sub-tasks included). */
  endLine: number;
  /** Nesting depth: 0 for top-level tasks. */
  depth: number;
  indent: string;
  /** `-`, `*`, `+` or `1.` — the list marker as written. */
  bullet: string;
  /** Whitespace between the marker and `[` (`-   [x]` has three spaces). */
  bulletGap: string;
  /** The character inside the brackets as written. */
  stateChar: string;
  stateColumn: number;
  state: TaskState;
  /** `- [ ]*` marks an optional task (`- [ ]\\*` when a Markdown formatter escaped the star). */
  optional: boolean;
  /** The optional mark as written: `*`, `\\*` or '' (edits keep the file's own style). */
  optionalMark: string;
  /** `1`, `1.2`, … when the title starts with a number. */
  id?: string;
  idColumn?: number;
  title: string;
  titleColumn: number;
  /** Requirement references on the task line and its own detail lines (not its sub-tasks'). */
  refs: RefList[];
  /** The task's own non-blank detail lines (sub-task blocks excluded). */
  detailLines: number[];
  children: Task[];
}

export interface TasksDoc {
  kind: 'tasks';
  lines: SourceLine[];
  headings: Heading[];
  hidden: boolean[];
  /** Top-level tasks in document order. */
  tasks: Task[];
  /** Every task, sub-tasks included, in document order. */
  all: Task[];
  /** The task dependency graph (waves) at the end of the file, when there is one. */
  graph?: TaskGraph;
  diagnostics: Diagnostic[];
}

const CHECKBOX = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)\[([^\]])\]((?:\\?\*)?)(?=[ \t]|$)([ \t]*)(.*)$/;
const TASK_ID = /^(\d+(?:\.\d+)*)(\.?)(?=[ \t]|$)[ \t]*/;
const STATES: Record<string, TaskState> = { ' ': 'open', x: 'done', X: 'done', '-': 'inProgress', '~': 'skipped' };

export function parseTasks(source: string): TasksDoc {
  const lines = splitLines(source);
  const scan = scanMarkdown(lines);
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const all: Task[] = [];
  const top: Task[] = [];
  const stack: { task: Task; width: number }[] = [];
  let lastNonBlank = -1;

  const closeTo = (width: number) => {
    while (stack.length && (stack[stack.length - 1] as { width: number }).width >= width) {
      (stack.pop() as { task: Task }).task.endLine = lastNonBlank;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as SourceLine).text;
    if (isBlank(text)) continue;
    const hidden = scan.hidden[i];
    const m = hidden || !mayBeCheckbox(text) ? null : CHECKBOX.exec(text);
    // Lines inside a fence or comment belong to whatever block the fence opened in, whatever their indent.
    const continuesHidden = hidden && i > 0 && scan.hidden[i - 1];
    const width = leadingWidth(text);
    if (!continuesHidden) closeTo(width);
    if (!m) {
      const owner = stack[stack.length - 1];
      if (owner) {
        owner.task.detailLines.push(i);
        if (!hidden && mayHaveRefs(text)) owner.task.refs.push(...findRefLists(text, i));
      }
      lastNonBlank = i;
      continue;
    }
    const task = makeTask(m, i, stack.length, diagnostics);
    const parent = stack[stack.length - 1];
    if (parent) parent.task.children.push(task);
    else top.push(task);
    all.push(task);
    stack.push({ task, width });
    lastNonBlank = i;
  }
  closeTo(-1);
  const doc: TasksDoc = { kind: 'tasks', lines, headings: scan.headings, hidden: scan.hidden, tasks: top, all, diagnostics };
  const graph = parseTaskGraph(lines, scan.headings, diagnostics);
  if (graph) {
    doc.graph = graph;
    const ids = new Set(all.map((t) => t.id));
    const unknown = graph.waves.flatMap((w) => w.tasks).filter((id) => !ids.has(id));
    if (unknown.length) diagnostics.push(diag('warning', 'tasks/graph-unknown-task', `The task dependency graph names ${unknown.length === 1 ? 'a task' : 'tasks'} this file does not have: ${unknown.join(', ')}.`, graph.startLine, 0));
  }
  return doc;
}

function makeTask(m: RegExpExecArray, line: number, depth: number, diagnostics: Diagnostic[]): Task {
  // Indexing (not destructuring) avoids the iterator protocol on this hot path.
  const indent = m[1] ?? '';
  const bullet = m[2] ?? '';
  const bulletGap = m[3] ?? '';
  const stateChar = m[4] ?? ' ';
  const star = m[5] ?? '';
  const gap = m[6] ?? '';
  const rest = m[7] ?? '';
  const stateColumn = indent.length + bullet.length + bulletGap.length + 1;
  const state = STATES[stateChar] ?? 'unknown';
  if (state === 'unknown') {
    diagnostics.push(
      diag('warning', 'tasks/unknown-state', `Unknown task state "[${stateChar}]"; use [ ] open, [-] in progress or [x] done.`, line, stateColumn - 1, { column: stateColumn + 2 }),
    );
  }
  const restColumn = stateColumn + 2 + star.length + gap.length;
  const task: Task = {
    line,
    endLine: line,
    depth,
    indent,
    bullet,
    bulletGap,
    stateChar,
    stateColumn,
    state,
    optional: star !== '',
    optionalMark: star,
    title: rest,
    titleColumn: restColumn,
    refs: mayHaveRefs(rest) ? findRefLists(rest, line) : [],
    detailLines: [],
    children: [],
  };
  // refs on the task line were found in `rest`; shift their columns to line columns.
  for (const r of task.refs) {
    r.listColumn += restColumn;
    r.listEndColumn += restColumn;
    for (const item of r.items) {
      item.column += restColumn;
      item.endColumn += restColumn;
    }
  }
  const id = TASK_ID.exec(rest);
  if (id) {
    task.id = id[1] as string;
    task.idColumn = restColumn;
    task.title = rest.slice(id[0].length);
    task.titleColumn = restColumn + id[0].length;
  }
  return task;
}

/** A list item starts with `-`, `*`, `+` or a digit after its indent; skip the regex for every other line. */
function mayBeCheckbox(text: string): boolean {
  const c = text.charCodeAt(firstNonSpace(text));
  return c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57);
}

export function serializeTasks(doc: TasksDoc): string {
  return joinLines(doc.lines);
}

/** Finds a task by its id (`2.1`) or by its 0-based line. */
export function findTask(doc: TasksDoc, key: string | number): Task | undefined {
  return typeof key === 'number' ? doc.all.find((t) => t.line === key) : doc.all.find((t) => t.id === key);
}

/** The task whose children include `task`, if any. */
export function parentOf(doc: TasksDoc, task: Task): Task | undefined {
  return doc.all.find((t) => t.children.includes(task));
}

export interface TaskCounts {
  total: number;
  open: number;
  inProgress: number;
  done: number;
  optional: number;
}

export function countTasks(doc: TasksDoc): TaskCounts {
  const c: TaskCounts = { total: 0, open: 0, inProgress: 0, done: 0, optional: 0 };
  for (const t of doc.all) {
    c.total++;
    if (t.state === 'open') c.open++;
    else if (t.state === 'inProgress') c.inProgress++;
    else if (t.state === 'done') c.done++;
    if (t.optional) c.optional++;
  }
  return c;
}
