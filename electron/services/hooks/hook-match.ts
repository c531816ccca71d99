import picomatch from 'picomatch';
import type { Hook, ToolUse } from './hook-types';

const matcherCache = new WeakMap<Hook, (file: string) => boolean>();

/**
 * The files of a change that a hook's `when.patterns` select. Patterns are workspace-relative globs; dotfiles
 * match like any other file (a hook on `.env*` must fire), and a pattern starting with `!` excludes.
 */
export function matchingFiles(hook: Hook, files: readonly string[]): string[] {
  let isMatch = matcherCache.get(hook);
  if (!isMatch) {
    isMatch = patternMatcher(hook.when.patterns ?? []);
    matcherCache.set(hook, isMatch);
  }
  return files.filter((f) => isMatch(f));
}

/** The matcher for a list of `when.patterns` (also the Hooks form's live preview). */
export function patternMatcher(patterns: readonly string[]): (file: string) => boolean {
  const include = patterns.filter((p) => p.trim() && !p.startsWith('!')).map(normalizePattern);
  const exclude = patterns.filter((p) => p.startsWith('!') && p.length > 1).map((p) => normalizePattern(p.slice(1)));
  const inc = include.length ? picomatch(include, { dot: true }) : () => false;
  const exc = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  return (file: string) => inc(file) && !exc(file);
}

/** `./src/**` and `/src/**` mean the same as `src/**` to users. */
function normalizePattern(p: string): string {
  return p.replace(/^\.\//, '').replace(/^\/+/, '');
}

/** Categories Kiro documents for `toolTypes`, plus `*` for every tool. */
const CATEGORIES = new Set(['read', 'write', 'shell', 'web', 'spec', '*']);

/**
 * Whether a tool event concerns the hook: a `toolTypes` entry is a category (`read`, `write`, `shell`, `web`,
 * `spec`, `*`) or a regular expression matched against the whole tool name (`.*git_commit.*`). An entry that is
 * not a valid expression is compared literally.
 */
export function matchesTool(hook: Hook, tool: ToolUse): boolean {
  for (const type of hook.when.toolTypes ?? []) {
    if (type === '*') return true;
    if (CATEGORIES.has(type)) {
      if (tool.category === type) return true;
      continue;
    }
    if (type === tool.name || type === tool.category) return true;
    try {
      if (new RegExp(`^(?:${type})$`).test(tool.name)) return true;
    } catch {
      // Not a regular expression: the literal comparison above was the check.
    }
  }
  return false;
}
