/**
 * Helpers shared by the task edits: style detection (indent unit, detail indent, ref label) and rewriting task ids
 * when tasks are added, removed or moved, so numbering stays 1, 2, 3 and sub-task ids follow their parent.
 */
import { indentOf, type SourceLine } from '../text/lines';
import { regionLineEdits, type LineEdit } from '../text/edits';
import type { Task, TasksDoc } from './parse-tasks';

/** The indentation one nesting level adds in this file (`  `, `    ` or a tab). */
export function indentUnit(doc: TasksDoc): string {
  for (const t of doc.all) {
    const child = t.children[0];
    if (child && child.indent.startsWith(t.indent) && child.indent.length > t.indent.length) return child.indent.slice(t.indent.length);
  }
  return doc.all.some((t) => t.indent.includes('\t')) ? '\t' : '  ';
}

/** Indentation of detail bullets under `task` (its own, else a same-depth task's, else one unit deeper). */
export function detailIndent(doc: TasksDoc, task: Task): string {
  const own = firstBulletIndent(doc, task);
  if (own !== undefined) return own;
  for (const t of doc.all) {
    if (t.depth !== task.depth) continue;
    const other = firstBulletIndent(doc, t);
    if (other !== undefined && other.startsWith(t.indent)) return task.indent + other.slice(t.indent.length);
  }
  return task.indent + ' '.repeat(task.bullet.length + task.bulletGap.length);
}

function firstBulletIndent(doc: TasksDoc, task: Task): string | undefined {
  for (const l of task.detailLines) {
    const text = (doc.lines[l] as SourceLine).text;
    if (!doc.hidden[l] && /^[ \t]*[-*+][ \t]/.test(text)) return indentOf(text);
  }
  return undefined;
}

/** `Requirements`, `需求`, … — the ref label this file already uses. */
export function refLabel(doc: TasksDoc): string {
  for (const t of doc.all) for (const r of t.refs) if (r.kind === 'requirements') return r.label;
  return 'Requirements';
}

/** Line texts after giving `task` the id `newId` (its sub-tasks' ids follow). Writes into `out` (line → text). */
export function renumberInto(doc: TasksDoc, task: Task, newId: string, out: Map<number, string>): void {
  const oldId = task.id;
  if (oldId === undefined || oldId === newId) return;
  const visit = (t: Task) => {
    if (t.id !== undefined && t.idColumn !== undefined && (t.id === oldId || t.id.startsWith(oldId + '.'))) {
      const text = out.get(t.line) ?? (doc.lines[t.line] as SourceLine).text;
      const replaced = newId + t.id.slice(oldId.length);
      out.set(t.line, text.slice(0, t.idColumn) + replaced + text.slice(t.idColumn + t.id.length));
    }
    t.children.forEach(visit);
  };
  visit(task);
}

/** Siblings numbered `<prefix>s`, `<prefix>s+1`, … (prefix = the parent's id and a dot). */
export interface IdSequence {
  prefix: string;
  start: number;
}

/**
 * The numbering of a sibling list when it is a plain consecutive sequence (an empty list counts, starting at 1).
 * Files that number sub-tasks flat (`- [ ] 17.1` next to `- [ ] 17.`) or skip numbers are not sequences: Keel then
 * renumbers nothing rather than guess.
 */
export function sequenceOf(siblings: readonly Task[], parent: Task | undefined): IdSequence | undefined {
  if (parent && parent.id === undefined) return undefined;
  const prefix = parent ? `${parent.id}.` : '';
  let start = 1;
  for (let k = 0; k < siblings.length; k++) {
    const id = (siblings[k] as Task).id;
    if (id === undefined || !id.startsWith(prefix) || !/^\d+$/.test(id.slice(prefix.length))) return undefined;
    const n = Number(id.slice(prefix.length));
    if (k === 0) start = n;
    else if (n !== start + k) return undefined;
  }
  return { prefix, start };
}

/** `1.2` → `1.3`: the id after another one, for lists that are not plain sequences. */
export function nextId(id: string): string {
  return id.replace(/(\d+)$/, (n) => String(Number(n) + 1));
}

/** The id for position `index` in a sibling list (after inserting or moving), or undefined when unknowable. */
export function idAt(siblings: readonly Task[], parent: Task | undefined, index: number): string | undefined {
  const seq = sequenceOf(siblings, parent);
  if (seq) return `${seq.prefix}${seq.start + index}`;
  const before = siblings[index - 1]?.id;
  if (before !== undefined) return nextId(before);
  return parent?.id !== undefined ? `${parent.id}.1` : undefined;
}

/** Renumber siblings from position `from` on (each moved by `shift` places) when the list is a plain sequence. */
export function renumberSiblings(doc: TasksDoc, parent: Task | undefined, siblings: readonly Task[], from: number, out: Map<number, string>, shift = 0): void {
  const seq = sequenceOf(siblings, parent);
  if (!seq) return;
  for (let k = from; k < siblings.length; k++) renumberInto(doc, siblings[k] as Task, `${seq.prefix}${seq.start + k + shift}`, out);
}

/** Per-line edits for a changed region of tasks.md: unchanged lines are not touched. */
export function regionEdits(doc: TasksDoc, start: number, oldCount: number, newTexts: readonly string[]): LineEdit[] {
  return regionLineEdits(doc.lines, start, oldCount, newTexts);
}

/** Merge single-line rewrites (from renumbering) into edits, skipping lines another edit already replaces. */
export function withRewrites(edits: LineEdit[], rewrites: Map<number, string>): LineEdit[] {
  const out = [...edits];
  for (const [line, text] of rewrites) {
    if (out.some((e) => line >= e.start && line < e.start + e.deleteCount)) continue;
    out.push({ start: line, deleteCount: 1, insert: [text] });
  }
  return out;
}
