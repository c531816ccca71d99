/**
 * fileMatch patterns. A pattern with a `/` is matched against the workspace-relative path; one without (`*.py`,
 * `*auth*`, `{package.json,setup.py}`) against the file name in any folder, which is what such patterns in Kiro
 * projects are written to mean. Dotfiles match like any other file. `./x` and `/x` mean `x`.
 */
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

export function compilePatterns(patterns: readonly string[]): PathMatcher {
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
  return (path) => {
    const p = normalizePath(path);
    return matchFull(p) || matchBase(p.slice(p.lastIndexOf('/') + 1));
  };
}

/** The first pattern that selects the path (for "why does this apply"), or undefined. */
export function firstMatchingPattern(patterns: readonly string[], path: string): string | undefined {
  return patterns.find((p) => compilePatterns([p])(path));
}

export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
