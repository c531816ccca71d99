import { diffLines } from 'diff';

/** A changed region of the editor's text against the base version, in 1-based lines of the current text. */
export interface LineChange {
  kind: 'added' | 'modified' | 'deleted';
  /** First and last line of the region; for 'deleted', the line after which lines were removed (0 = top). */
  startLine: number;
  endLine: number;
}

/** Above this many changed lines the comparison gives up (no markers beats a frozen editor). */
const MAX_EDIT_LENGTH = 5000;

/**
 * The gutter's change regions, as VS Code draws them: added lines, modified lines (removed and added together),
 * and deletions marked between lines. Undefined when the texts differ too much to compare cheaply.
 */
export function lineChanges(base: string, current: string): LineChange[] | undefined {
  const norm = (t: string) => t.replace(/\r\n/g, '\n');
  const parts = diffLines(norm(base), norm(current), { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return undefined;
  const out: LineChange[] = [];
  let line = 1; // next line of the current text
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const count = part.count ?? 0;
    if (!part.added && !part.removed) {
      line += count;
      continue;
    }
    if (part.removed) {
      const next = parts[i + 1];
      if (next?.added) {
        const added = next.count ?? 0;
        out.push({ kind: 'modified', startLine: line, endLine: line + added - 1 });
        line += added;
        i++;
      } else out.push({ kind: 'deleted', startLine: line - 1, endLine: line - 1 });
      continue;
    }
    out.push({ kind: 'added', startLine: line, endLine: line + count - 1 });
    line += count;
  }
  return out;
}
