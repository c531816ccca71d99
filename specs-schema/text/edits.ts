/**
 * Edits as minimal text changes. Every editing function in specs-schema returns an `EditResult`: the new text plus
 * the offset-based changes against the old text (ready for Monaco's `executeEdits` or a diff view). Line edits
 * reuse each replaced line's own ending and give new lines the file's dominant ending.
 */
import { dominantEol, type Eol, type SourceLine } from './lines';
import type { Diagnostic } from '../diagnostics';

/** Replace `source.slice(start, end)` with `text` (offsets into the text before the edit). */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface EditResult {
  /** The whole new text (equal to the old text when the edit was refused). */
  text: string;
  /** Non-overlapping changes in ascending order; empty when nothing changed. */
  changes: TextChange[];
  /** Why an edit was refused or what it could not do (e.g. a hook that fails validation); empty when all went well. */
  diagnostics: Diagnostic[];
}

/** Replace `deleteCount` lines from line index `start` by `insert` (line texts without endings). */
export interface LineEdit {
  start: number;
  deleteCount: number;
  insert: string[];
}

export function unchanged(text: string, diagnostics: Diagnostic[] = []): EditResult {
  return { text, changes: [], diagnostics };
}

/** Applies offset changes (must not overlap) to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const sorted = [...changes].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const c of sorted) {
    out += text.slice(pos, c.start) + c.text;
    pos = c.end;
  }
  return out + text.slice(pos);
}

/** Turns line edits into an EditResult over `source` (whose lines are `lines`). Edits must not overlap. */
export function applyLineEdits(source: string, lines: readonly SourceLine[], edits: readonly LineEdit[]): EditResult {
  const eol = dominantEol(lines);
  const n = lines.length;
  const lastHasNoEol = n > 0 && (lines[n - 1] as SourceLine).eol === '';
  const changes: TextChange[] = [];
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.deleteCount - b.deleteCount);
  for (const edit of sorted) {
    const start = Math.min(edit.start, n);
    const endLine = Math.min(start + edit.deleteCount, n);
    let startOff = start < n ? (lines[start] as SourceLine).offset : source.length;
    const endOff = endLine < n ? (lines[endLine] as SourceLine).offset : source.length;
    const endsFile = endLine >= n;
    let text = '';
    edit.insert.forEach((lineText, i) => {
      const replaced = start + i < endLine ? lines[start + i] : undefined;
      const ending: Eol = replaced ? replaced.eol : eol;
      text += lineText + (ending === '' ? eol : ending);
    });
    if (endsFile && lastHasNoEol && text !== '') {
      // The file had no final newline: keep it that way, moving the missing newline to the new last line.
      text = text.slice(0, text.length - lastEolLength(text));
      if (edit.deleteCount === 0 && start >= n) text = ((lines[n - 1] as SourceLine).eol || eol) + text;
    } else if (endsFile && lastHasNoEol && text === '' && start > 0 && start < n) {
      // Deleting the last lines: the new last line loses its newline, as the old one had none.
      const prev = lines[start - 1] as SourceLine;
      startOff -= prev.eol.length;
    }
    if (startOff === endOff && text === '') continue;
    if (source.slice(startOff, endOff) === text) continue;
    changes.push({ start: startOff, end: endOff, text });
  }
  return { text: applyChanges(source, changes), changes, diagnostics: [] };
}

/**
 * Line edits turning lines [start, start + oldCount) into `newTexts`: the common head and tail are left alone and a
 * same-length middle is rewritten line by line, so lines that did not change are not touched.
 */
export function regionLineEdits(lines: readonly SourceLine[], start: number, oldCount: number, newTexts: readonly string[]): LineEdit[] {
  const at = (l: number) => (lines[l] as SourceLine).text;
  let a = 0;
  while (a < oldCount && a < newTexts.length && at(start + a) === newTexts[a]) a++;
  let b = 0;
  while (b < oldCount - a && b < newTexts.length - a && at(start + oldCount - 1 - b) === newTexts[newTexts.length - 1 - b]) b++;
  const oldMid = oldCount - a - b;
  const newMid = newTexts.slice(a, newTexts.length - b);
  if (oldMid === newMid.length) {
    return newMid.flatMap((t, k) => (at(start + a + k) === t ? [] : [{ start: start + a + k, deleteCount: 1, insert: [t] }]));
  }
  return [{ start: start + a, deleteCount: oldMid, insert: newMid }];
}

function lastEolLength(text: string): number {
  if (text.endsWith('\r\n')) return 2;
  if (text.endsWith('\n') || text.endsWith('\r')) return 1;
  return 0;
}

/** Replace a column range within one line (0-based columns). */
export function replaceInLine(lines: readonly SourceLine[], line: number, startCol: number, endCol: number, text: string): TextChange {
  const l = lines[line] as SourceLine;
  return { start: l.offset + startCol, end: l.offset + endCol, text };
}
