import type { FileMatches, LineMatch } from '../../../protocol';
import type { SearchInputs } from './searchStore';

type Query = Pick<SearchInputs, 'pattern' | 'isRegex' | 'matchCase' | 'wholeWord'>;

/** The query as a global, multi-line RegExp (as the main process builds it); null when it does not compile here. */
export function searchRegExp(q: Query): RegExp | null {
  let source = q.isRegex ? q.pattern : q.pattern.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  if (q.wholeWord) source = `\\b(?:${source})\\b`;
  const flags = `gm${q.matchCase ? '' : 'i'}`;
  for (const f of [`${flags}u`, flags]) {
    try {
      return new RegExp(source, f);
    } catch {
      /* try without the u flag, as the main process does */
    }
  }
  return null;
}

/** Every match of `re` in `text`, grouped by line (1-based) with UTF-16 columns, like ripgrep's results. */
export function matchLines(text: string, re: RegExp, limit = 10_000): LineMatch[] {
  const lines = new Map<number, LineMatch>();
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let lineIndex = 0;
  let count = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m && count < limit; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++; // an empty match would loop forever; ripgrep does not report those either
      continue;
    }
    while (lineIndex + 1 < starts.length && starts[lineIndex + 1]! <= m.index) lineIndex++;
    const start = starts[lineIndex]!;
    let entry = lines.get(lineIndex);
    if (!entry) {
      const end = lineIndex + 1 < starts.length ? starts[lineIndex + 1]! - 1 : text.length;
      entry = { line: lineIndex + 1, text: text.slice(start, end).replace(/\r$/, ''), ranges: [] };
      lines.set(lineIndex, entry);
    }
    entry.ranges.push({ start: m.index - start, end: Math.min(m.index - start + m[0].length, entry.text.length) });
    count++;
  }
  return [...lines.values()];
}

/**
 * Files with unsaved changes are searched in the editor's text, not on disk (as VS Code does): the results then
 * match what the user sees, also right after a replace that went into a dirty editor.
 */
export function overlayDirty(files: FileMatches[], q: Query, dirtyText: (path: string) => string | undefined): FileMatches[] {
  let re: RegExp | null | undefined;
  const out: FileMatches[] = [];
  for (const file of files) {
    const text = dirtyText(file.path);
    if (text === undefined) {
      out.push(file);
      continue;
    }
    re ??= searchRegExp(q);
    if (!re) {
      out.push(file);
      continue;
    }
    const lines = matchLines(text, re);
    if (lines.length > 0) out.push({ path: file.path, lines });
  }
  return out;
}
