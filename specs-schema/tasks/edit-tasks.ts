/**
 * Edits on tasks.md as minimal text changes: each function takes a parsed document and a task, and returns the new
 * text with the changes made. Only the lines the edit needs are touched; new lines copy the style of their siblings
 * (marker, `-   [ ]` spacing, indentation, ref label) and the file's line ending. Ids are renumbered so siblings
 * stay 1, 2, 3 after adds, removes and moves.
 */
import { diag } from '../diagnostics';
import { applyLineEdits, replaceInLine, unchanged, applyChanges, type EditResult, type LineEdit } from '../text/edits';
import { isBlank, joinLines, type SourceLine } from '../text/lines';
import { parentOf, type Task, type TaskState, type TasksDoc } from './parse-tasks';
import { detailIndent, idAt, indentUnit, refLabel, regionEdits, renumberInto, renumberSiblings, withRewrites } from './task-lines';

const STATE_CHARS: Record<'open' | 'inProgress' | 'done' | 'skipped', string> = { open: ' ', inProgress: '-', done: 'x', skipped: '~' };

function source(doc: TasksDoc): string {
  return joinLines(doc.lines);
}

function single(doc: TasksDoc, change: ReturnType<typeof replaceInLine>): EditResult {
  const text = source(doc);
  if (text.slice(change.start, change.end) === change.text) return unchanged(text);
  return { text: applyChanges(text, [change]), changes: [change], diagnostics: [] };
}

export function setTaskState(doc: TasksDoc, task: Task, state: Exclude<TaskState, 'unknown'>): EditResult {
  return single(doc, replaceInLine(doc.lines, task.line, task.stateColumn, task.stateColumn + 1, STATE_CHARS[state]));
}

/** `- [ ]*` marks an optional task. */
export function setTaskOptional(doc: TasksDoc, task: Task, optional: boolean): EditResult {
  const col = task.stateColumn + 2;
  if (task.optional === optional) return unchanged(source(doc));
  return single(doc, replaceInLine(doc.lines, task.line, col, col + task.optionalMark.length, optional ? optionalMarkOf(doc) : ''));
}

/** `\\*` when this file escapes its optional stars (a Markdown formatter did), else `*`. */
function optionalMarkOf(doc: TasksDoc): string {
  return doc.all.find((t) => t.optional)?.optionalMark ?? '*';
}

export function setTaskTitle(doc: TasksDoc, task: Task, title: string): EditResult {
  const clean = title.replace(/[\r\n]+/g, ' ').trim();
  if (!clean) return unchanged(source(doc), [diag('error', 'tasks/empty-title', 'A task needs a title.', task.line, task.titleColumn)]);
  const line = (doc.lines[task.line] as SourceLine).text;
  const trailing = /[ \t]*$/.exec(line.slice(task.titleColumn))?.[0] ?? '';
  return single(doc, replaceInLine(doc.lines, task.line, task.titleColumn, line.length - trailing.length, clean));
}

/** Replaces the task's `_Requirements: …_` list (adding the line if missing, removing it when `ids` is empty). */
export function setTaskRequirements(doc: TasksDoc, task: Task, ids: readonly string[]): EditResult {
  const list = task.refs.find((r) => r.kind === 'requirements');
  if (list) {
    const text = (doc.lines[list.line] as SourceLine).text;
    if (ids.length === 0 && /^[ \t]*(?:[-*+][ \t]+)?_[^_]*_[ \t]*$/.test(text) && list.line !== task.line) {
      return applyLineEdits(source(doc), doc.lines, [{ start: list.line, deleteCount: 1, insert: [] }]);
    }
    return single(doc, replaceInLine(doc.lines, list.line, list.listColumn, list.listEndColumn, ids.join(', ')));
  }
  if (ids.length === 0) return unchanged(source(doc));
  const at = lastOwnDetail(task) + 1;
  const line = `${detailIndent(doc, task)}- _${refLabel(doc)}: ${ids.join(', ')}_`;
  return applyLineEdits(source(doc), doc.lines, [{ start: at, deleteCount: 0, insert: [line] }]);
}

/** Replaces the task's own detail bullets (not its refs, sub-tasks or code blocks) with `details`. */
export function setTaskDetails(doc: TasksDoc, task: Task, details: readonly string[]): EditResult {
  const refLines = new Set(task.refs.map((r) => r.line));
  const old = task.detailLines.filter((l) => !refLines.has(l) && !doc.hidden[l] && (!task.children[0] || l < task.children[0].line));
  const indent = detailIndent(doc, task);
  const bullets = details.map((d) => `${indent}- ${d.replace(/[\r\n]+/g, ' ').trim()}`);
  const start = old[0] ?? task.line + 1;
  const edits: LineEdit[] = [];
  if (old.length && old[old.length - 1] === (old[0] as number) + old.length - 1) {
    edits.push(...regionEdits(doc, start, old.length, bullets));
  } else {
    old.forEach((l) => edits.push({ start: l, deleteCount: 1, insert: [] }));
    if (bullets.length) edits.push({ start: old.length ? start : start, deleteCount: 0, insert: bullets });
  }
  return applyLineEdits(source(doc), doc.lines, mergeSameStart(edits));
}

function mergeSameStart(edits: LineEdit[]): LineEdit[] {
  const out: LineEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start) {
      prev.deleteCount += e.deleteCount;
      prev.insert.push(...e.insert);
    } else out.push({ ...e, insert: [...e.insert] });
  }
  return out;
}

function lastOwnDetail(task: Task): number {
  const firstChild = task.children[0]?.line ?? Infinity;
  return Math.max(task.line, ...task.detailLines.filter((l) => l < firstChild));
}

export interface NewTask {
  title: string;
  /** Add as a sub-task of this task (default: top level). */
  parent?: Task;
  /** Insert after this sibling (default: after the last sibling). */
  after?: Task;
  optional?: boolean;
  state?: Exclude<TaskState, 'unknown'>;
  details?: string[];
  requirements?: string[];
}

export function addTask(doc: TasksDoc, spec: NewTask): EditResult {
  const siblings = spec.parent ? spec.parent.children : doc.tasks;
  const after = spec.after ?? siblings[siblings.length - 1];
  const index = after ? siblings.indexOf(after) + 1 : 0;
  if (after && index === 0) return unchanged(source(doc), [diag('error', 'tasks/not-sibling', 'The task to insert after is not a sibling.', after.line, 0)]);
  const model = after ?? siblings[0] ?? spec.parent ?? doc.all[0];
  const indent = after ?? siblings[0] ? (model as Task).indent : spec.parent ? spec.parent.indent + indentUnit(doc) : '';
  const bullet = model?.bullet ?? '-';
  const gap = model?.bulletGap ?? ' ';
  const withIds = siblings.length ? siblings.some((s) => s.id !== undefined) : spec.parent ? spec.parent.id !== undefined : true;
  const dot = after ?? siblings[0] ? trailingDot(doc, (after ?? siblings[0]) as Task) : spec.parent ? '' : '.';
  const newId = withIds ? (idAt(siblings, spec.parent, index) ?? String(index + 1)) : undefined;
  const id = newId !== undefined ? `${newId}${dot} ` : '';
  const opt = spec.optional ? optionalMarkOf(doc) : '';
  const lines = [`${indent}${bullet}${gap}[${STATE_CHARS[spec.state ?? 'open']}]${opt} ${id}${spec.title.replace(/[\r\n]+/g, ' ').trim()}`];
  const fake: Task = { ...(model ?? ({} as Task)), indent, depth: spec.parent ? spec.parent.depth + 1 : 0, bullet, bulletGap: gap, detailLines: [], children: [], line: -1 };
  const dIndent = detailIndent(doc, fake);
  for (const d of spec.details ?? []) lines.push(`${dIndent}- ${d}`);
  if (spec.requirements?.length) lines.push(`${dIndent}- _${refLabel(doc)}: ${spec.requirements.join(', ')}_`);
  let at: number;
  if (after) at = after.endLine + 1;
  else if (spec.parent) at = spec.parent.endLine + 1;
  else at = lastContentLine(doc) + 1;
  const blankBetween = !spec.parent && after !== undefined && siblingsSeparatedByBlank(doc, siblings);
  const insert = blankBetween ? ['', ...lines] : lines;
  if (!spec.parent && !after && at > 0 && !isBlank((doc.lines[at - 1] as SourceLine).text)) insert.unshift('');
  const rewrites = new Map<number, string>();
  renumberSiblings(doc, spec.parent, siblings, index, rewrites, 1);
  return applyLineEdits(source(doc), doc.lines, withRewrites([{ start: at, deleteCount: 0, insert }], rewrites));
}

function lastContentLine(doc: TasksDoc): number {
  for (let i = doc.lines.length - 1; i >= 0; i--) if (!isBlank((doc.lines[i] as SourceLine).text)) return i;
  return -1;
}

function trailingDot(doc: TasksDoc, task: Task): string {
  if (task.id === undefined || task.idColumn === undefined) return '';
  return (doc.lines[task.line] as SourceLine).text.charAt(task.idColumn + task.id.length) === '.' ? '.' : '';
}

function siblingsSeparatedByBlank(doc: TasksDoc, siblings: readonly Task[]): boolean {
  const [a, b] = siblings;
  if (!a || !b) return false;
  return b.line > a.endLine + 1 && isBlank((doc.lines[a.endLine + 1] as SourceLine).text);
}

/** Removes a task with its details and sub-tasks; later siblings are renumbered. */
export function removeTask(doc: TasksDoc, task: Task): EditResult {
  const parent = parentOf(doc, task);
  const siblings = parent ? parent.children : doc.tasks;
  let start = task.line;
  let count = task.endLine - task.line + 1;
  const before = start > 0 ? (doc.lines[start - 1] as SourceLine).text : '';
  const afterLine = doc.lines[task.endLine + 1];
  // Keep one blank line between neighbours, not two.
  if ((start === 0 || isBlank(before)) && afterLine && isBlank(afterLine.text)) count++;
  else if (!afterLine && start > 0 && isBlank(before)) {
    start--;
    count++;
  }
  const rewrites = new Map<number, string>();
  renumberSiblings(doc, parent, siblings, siblings.indexOf(task) + 1, rewrites, -1);
  return applyLineEdits(source(doc), doc.lines, withRewrites([{ start, deleteCount: count, insert: [] }], rewrites));
}

/** Swaps a task with its previous or next sibling (blocks move whole; the two swap numbers). */
export function moveTask(doc: TasksDoc, task: Task, direction: 'up' | 'down'): EditResult {
  const parent = parentOf(doc, task);
  const siblings = parent ? parent.children : doc.tasks;
  const i = siblings.indexOf(task);
  const j = direction === 'up' ? i - 1 : i + 1;
  const other = siblings[j];
  if (!other) return unchanged(source(doc));
  const [first, second] = i < j ? [task, other] : [other, task];
  const rewrites = new Map<number, string>();
  if (first.id !== undefined && second.id !== undefined) {
    renumberInto(doc, first, second.id, rewrites);
    renumberInto(doc, second, first.id, rewrites);
  }
  const textOf = (l: number) => rewrites.get(l) ?? (doc.lines[l] as SourceLine).text;
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => textOf(a + k));
  const newTexts = [...range(second.line, second.endLine), ...range(first.endLine + 1, second.line - 1), ...range(first.line, first.endLine)];
  const edits = regionEdits(doc, first.line, second.endLine - first.line + 1, newTexts);
  return applyLineEdits(source(doc), doc.lines, edits);
}

/** Makes a task the last sub-task of its previous sibling. */
export function indentTask(doc: TasksDoc, task: Task): EditResult {
  const parent = parentOf(doc, task);
  const siblings = parent ? parent.children : doc.tasks;
  const i = siblings.indexOf(task);
  const prev = siblings[i - 1];
  if (!prev) return unchanged(source(doc), [diag('error', 'tasks/cannot-indent', 'The first task of a list cannot be indented.', task.line, 0)]);
  const unit = prev.children[0] ? prev.children[0].indent.slice(prev.indent.length) || indentUnit(doc) : indentUnit(doc);
  const shift = prev.indent + unit;
  const rewrites = new Map<number, string>();
  const asChild = prev.id !== undefined ? idAt(prev.children, prev, prev.children.length) : undefined;
  if (asChild !== undefined) renumberInto(doc, task, asChild, rewrites);
  renumberSiblings(doc, parent, siblings, i + 1, rewrites, -1);
  const edits: LineEdit[] = [];
  for (let l = task.line; l <= task.endLine; l++) {
    const text = rewrites.get(l) ?? (doc.lines[l] as SourceLine).text;
    rewrites.delete(l);
    if (isBlank(text)) continue;
    const rest = text.startsWith(task.indent) ? text.slice(task.indent.length) : text.trimStart();
    edits.push({ start: l, deleteCount: 1, insert: [shift + rest] });
  }
  return applyLineEdits(source(doc), doc.lines, withRewrites(edits, rewrites));
}

/** Makes a sub-task a sibling of its parent, placed right after the parent's block. */
export function outdentTask(doc: TasksDoc, task: Task): EditResult {
  const parent = parentOf(doc, task);
  if (!parent) return unchanged(source(doc), [diag('error', 'tasks/cannot-outdent', 'A top-level task cannot be outdented.', task.line, 0)]);
  const grand = parentOf(doc, parent);
  const outer = grand ? grand.children : doc.tasks;
  const rewrites = new Map<number, string>();
  const pIndex = outer.indexOf(parent);
  const asSibling = idAt(outer, grand, pIndex + 1);
  if (asSibling !== undefined) renumberInto(doc, task, asSibling, rewrites);
  renumberSiblings(doc, grand, outer, pIndex + 1, rewrites, 1);
  renumberSiblings(doc, parent, parent.children, parent.children.indexOf(task) + 1, rewrites, -1);
  const textOf = (l: number) => rewrites.get(l) ?? (doc.lines[l] as SourceLine).text;
  const moved: string[] = [];
  for (let l = task.line; l <= task.endLine; l++) {
    const text = textOf(l);
    moved.push(isBlank(text) ? text : parent.indent + (text.startsWith(task.indent) ? text.slice(task.indent.length) : text.trimStart()));
  }
  // Region: from the task to the end of the parent's block; the task's block moves to the end of it.
  const tail: string[] = [];
  for (let l = task.endLine + 1; l <= parent.endLine; l++) tail.push(textOf(l));
  const region = [...tail, ...moved];
  const edits = regionEdits(doc, task.line, parent.endLine - task.line + 1, region);
  for (let l = task.line; l <= parent.endLine; l++) rewrites.delete(l);
  return applyLineEdits(source(doc), doc.lines, withRewrites(edits, rewrites));
}
