import { createHash } from 'node:crypto';

/** One hunk of a single-file unified diff, with the lines (`@@` header first) that make it. */
export interface DiffHunk {
  index: number;
  /** Fingerprint of the hunk's text: a request naming a hunk by index must also match this. */
  id: string;
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The lines actually changed, in the new file's numbering (the hunk's range includes context lines). */
  changedStart: number;
  changedEnd: number;
  text: string;
}

export interface SplitDiff {
  /** `diff --git …`, `index …`, `--- a/…`, `+++ b/…`: what `git apply` needs before a hunk. */
  fileHeader: string;
  hunks: DiffHunk[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Splits `git diff` output for one file into its header and hunks. Lines keep their endings (a CRLF file's
 * hunks must reach `git apply` byte for byte).
 */
export function splitDiff(diff: string): SplitDiff {
  const lines = diff.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let fileHeader = '';
  const hunks: DiffHunk[] = [];
  let current: { header: string; m: RegExpExecArray; lines: string[] } | undefined;
  const finish = () => {
    if (!current) return;
    const text = current.lines.join('');
    const { m } = current;
    const changed = changedRange(current.lines.slice(1), Number(m[3]));
    hunks.push({
      index: hunks.length,
      id: createHash('sha1').update(text).digest('hex').slice(0, 16),
      header: current.header,
      oldStart: Number(m[1]),
      oldLines: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newLines: m[4] === undefined ? 1 : Number(m[4]),
      changedStart: changed.start,
      changedEnd: changed.end,
      text,
    });
  };
  for (const line of lines) {
    const m = HUNK.exec(line);
    if (m) {
      finish();
      current = { header: line.replace(/\r?\n$/, ''), m, lines: [line] };
    } else if (current) current.lines.push(line);
    else fileHeader += line;
  }
  finish();
  return { fileHeader, hunks };
}

/** First and last changed line (new-file numbering) of a hunk body; a pure deletion is placed at the line it precedes. */
function changedRange(body: string[], newStart: number): { start: number; end: number } {
  let line = newStart;
  let start: number | undefined;
  let end = newStart;
  for (const l of body) {
    const c = l[0];
    if (c === '+') {
      start ??= line;
      end = line;
      line++;
    } else if (c === '-') {
      start ??= line;
      end = Math.max(end, line);
    } else if (c === ' ') line++;
  }
  return { start: start ?? newStart, end: Math.max(end, start ?? newStart) };
}

/** A patch of just one hunk, for `git apply --cached`; ends with a newline as git requires. */
export function hunkPatch(split: SplitDiff, hunk: DiffHunk): string {
  const text = hunk.text.endsWith('\n') ? hunk.text : hunk.text + '\n';
  return split.fileHeader + text;
}
