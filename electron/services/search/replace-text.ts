import type { ParsedSearchQuery, ReplaceTarget } from '../../../protocol';
import { buildRegExp } from './search-pattern';

export interface ReplaceResult {
  text: string;
  count: number;
}

/**
 * Replaces the query's matches in a text. With `only`, just the matches starting at those (1-based line, UTF-16
 * column) positions — what "replace this match" in the result tree means. In regex mode the replacement may use
 * $1, $& and friends; in plain mode it is inserted literally.
 */
export function replaceInText(
  text: string,
  query: ParsedSearchQuery,
  replacement: string,
  only?: ReplaceTarget['only'],
): ReplaceResult {
  const re = buildRegExp(query);
  const wanted = only ? new Set(only.map((p) => `${p.line}:${p.column}`)) : undefined;
  const lineStarts = wanted ? lineStartOffsets(text) : [];
  let count = 0;
  const out = text.replace(re, (...args: unknown[]) => {
    const match = args[0] as string;
    // replace() passes (match, ...groups, offset, whole[, namedGroups]); the offset is the first number after groups.
    const offsetIndex = args.findIndex((a, i) => i > 0 && typeof a === 'number');
    const offset = args[offsetIndex] as number;
    if (wanted) {
      const line = lineOf(lineStarts, offset);
      if (!wanted.has(`${line + 1}:${offset - (lineStarts[line] ?? 0)}`)) return match;
    }
    count++;
    if (!query.isRegex) return replacement;
    return expand(replacement, match, args.slice(1, offsetIndex) as (string | undefined)[], text, offset, args[offsetIndex + 2]);
  });
  return { text: out, count };
}

/** String.replace's $-substitutions for one match ($$, $&, $`, $', $n, $<name>). */
function expand(template: string, match: string, groups: (string | undefined)[], whole: string, offset: number, named: unknown): string {
  return template.replace(/\$(\$|&|`|'|\d{1,2}|<[^>]*>)/g, (token: string, what: string) => {
    if (what === '$') return '$';
    if (what === '&') return match;
    if (what === '`') return whole.slice(0, offset);
    if (what === "'") return whole.slice(offset + match.length);
    if (what.startsWith('<')) {
      const value = (named as Record<string, string | undefined> | undefined)?.[what.slice(1, -1)];
      return named ? (value ?? '') : token;
    }
    const n = Number(what);
    if (n >= 1 && n <= groups.length) return groups[n - 1] ?? '';
    return token;
  });
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
