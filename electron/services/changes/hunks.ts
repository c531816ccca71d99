import { diffLines } from 'diff';

export type HunkDecision = 'pending' | 'accepted' | 'rejected';

/** One contiguous change between the original and the proposed text (removed lines, then added lines). */
export interface Hunk {
  /** 1-based first line on the original side (for a pure insertion: the line it is inserted before). */
  originalStart: number;
  originalLines: number;
  /** 1-based first line on the proposed side (for a pure deletion: the line that follows the deletion). */
  proposedStart: number;
  proposedLines: number;
  removedText: string;
  addedText: string;
}

/** Text between hunks, or a hunk: joining them in order, with each hunk's chosen side, rebuilds a file exactly. */
type Segment = { kind: 'same'; text: string } | { kind: 'hunk'; hunk: Hunk };

export interface FileDiff {
  hunks: Hunk[];
  segments: Segment[];
}

/**
 * Splits a change into hunks with jsdiff's line diff. Line breaks stay inside the line tokens, so CRLF, a missing
 * final newline and a BOM survive composition byte for byte; every change block is its own hunk (no merging of
 * nearby blocks), so each can be accepted or rejected on its own.
 */
export function diffFile(original: string, proposed: string): FileDiff {
  const segments: Segment[] = [];
  const hunks: Hunk[] = [];
  let originalLine = 1;
  let proposedLine = 1;
  let open: Hunk | undefined;
  const close = () => {
    if (!open) return;
    hunks.push(open);
    segments.push({ kind: 'hunk', hunk: open });
    open = undefined;
  };
  for (const part of diffLines(original, proposed)) {
    const lines = part.count;
    if (!part.added && !part.removed) {
      close();
      segments.push({ kind: 'same', text: part.value });
      originalLine += lines;
      proposedLine += lines;
      continue;
    }
    open ??= {
      originalStart: originalLine,
      originalLines: 0,
      proposedStart: proposedLine,
      proposedLines: 0,
      removedText: '',
      addedText: '',
    };
    if (part.removed) {
      open.removedText += part.value;
      open.originalLines += lines;
      originalLine += lines;
    } else {
      open.addedText += part.value;
      open.proposedLines += lines;
      proposedLine += lines;
    }
  }
  close();
  return { hunks, segments };
}

/** The file with each hunk's accepted side: accepted → proposed lines, anything else → original lines. */
export function compose(diff: FileDiff, decisions: readonly HunkDecision[]): string {
  let index = 0;
  let out = '';
  for (const segment of diff.segments) {
    if (segment.kind === 'same') {
      out += segment.text;
      continue;
    }
    out += decisions[index] === 'accepted' ? segment.hunk.addedText : segment.hunk.removedText;
    index += 1;
  }
  return out;
}

/** Identity of a hunk across re-diffs (after the user edits the proposed side): where it starts and what it does. */
export function hunkKey(hunk: Hunk): string {
  return `${hunk.originalStart}:${hunk.originalLines}:${hunk.removedText.length}:${hunk.addedText}`;
}

const BOM = '\uFEFF';

/**
 * Models write LF and drop the BOM; an editor keeps a file's own conventions. When the original is consistently
 * CRLF, every bare LF of the proposal becomes CRLF; a BOM the original had is kept. An LF or mixed file is left as
 * the agent wrote it.
 */
export function matchConventions(original: string | null, proposed: string | null): string | null {
  if (original === null || proposed === null) return proposed;
  let out = proposed;
  if (original.startsWith(BOM) && !out.startsWith(BOM)) out = BOM + out;
  const lf = (original.match(/\n/g) ?? []).length;
  const crlf = (original.match(/\r\n/g) ?? []).length;
  // Also the bare LFs a strReplace brought into a CRLF file (its other lines kept their CRLF).
  if (lf > 0 && crlf === lf) out = out.replace(/(?<!\r)\n/g, '\r\n');
  return out;
}
