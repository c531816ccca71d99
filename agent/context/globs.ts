/**
 * fileMatch patterns. A pattern with a `/` is matched against the workspace-relative path; one without (`*.py`,
 * `*auth*`, `{package.json,setup.py}`) against the file name in any folder, which is what such patterns in Kiro
 * projects are written to mean. Dotfiles match like any other file. `./x` and `/x` mean `x`. A pattern starting
 * with `!` excludes what it matches (as in hook patterns).
 */
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

export function compilePatterns(patterns: readonly string[]): PathMatcher {
  const include = patterns.filter((p) => !p.trim().startsWith('!'));
  const exclude = patterns.filter((p) => p.trim().startsWith('!')).map((p) => p.trim().slice(1));
  const inc = compileSide(include);
  const exc = exclude.length ? compileSide(exclude) : (): boolean => false;
  return (path) => {
    const p = normalizePath(path);
    return inc(p) && !exc(p);
  };
}

function compileSide(patterns: readonly string[]): PathMatcher {
  const full: string[] = [];
  const base: string[] = [];
  for (const raw of patterns) {
    const p = raw.trim().replace(/^\.\//, '').replace(/^\/+/, '');
    if (!p) continue;
    (p.includes('/') ? full : base).push(p);
  }
  const none = (): boolean => false;
  const matchFull = full.length ? picomatch(full, { dot: true }) : none;
  const matchBase = base.length ? picomatch(base, { dot: true }) : none;
  return (p) => matchFull(p) || matchBase(p.slice(p.lastIndexOf('/') + 1));
}

/** The first pattern that selects the path (for "why does this apply"), or undefined. */
export function firstMatchingPattern(patterns: readonly string[], path: string): string | undefined {
  return patterns.find((p) => !p.trim().startsWith('!') && compilePatterns([p])(path));
}

export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
