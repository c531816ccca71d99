import type { SearchInputs } from './searchStore';

/**
 * What a match turns into, for the inline preview in the results. The real replace runs in the main process on the
 * whole file; here one match is replaced alone, which is exact for plain text and for regexes that do not look
 * outside the match ($1, $& and named groups expand as they will). Returns the template itself when it cannot tell.
 */
export function previewReplacement(matched: string, s: Pick<SearchInputs, 'pattern' | 'isRegex' | 'matchCase' | 'wholeWord' | 'replacement'>): string {
  if (!s.isRegex) return s.replacement;
  const re = compile(s.pattern, s.matchCase);
  if (!re) return s.replacement;
  re.lastIndex = 0;
  const m = re.exec(matched);
  if (!m || m.index !== 0 || m[0] !== matched) return s.replacement;
  return matched.replace(re, s.replacement);
}

let cached: { key: string; re: RegExp | null } | undefined;

function compile(pattern: string, matchCase: boolean): RegExp | null {
  const key = `${matchCase ? 'c' : 'i'}:${pattern}`;
  if (cached?.key === key) return cached.re;
  const flags = matchCase ? '' : 'i';
  let re: RegExp | null = null;
  try {
    re = new RegExp(pattern, `${flags}u`);
  } catch {
    try {
      re = new RegExp(pattern, flags);
    } catch {
      re = null;
    }
  }
  cached = { key, re };
  return re;
}
