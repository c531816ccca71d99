import picomatch from 'picomatch';
import { toolAliases } from '../../../specs-schema';
import type { HookEntry, ToolUse } from './hook-types';

const matcherCache = new WeakMap<HookEntry, (file: string) => boolean>();

/**
 * The files of a change that a hook selects. 0.x `when.patterns` are workspace-relative globs (dotfiles match like
 * any other file, a pattern starting with `!` excludes); a v1 `matcher` is a regular expression searched in the
 * workspace-relative path, and a v1 hook without one takes every file.
 */
export function matchingFiles(hook: HookEntry, files: readonly string[]): string[] {
  let isMatch = matcherCache.get(hook);
  if (!isMatch) {
    isMatch = hook.format === 'v1' ? regexMatcher(hook.matcher) : patternMatcher(hook.patterns ?? []);
    matcherCache.set(hook, isMatch);
  }
  return files.filter((f) => isMatch(f));
}

/** A v1 matcher: absent matches everything; the schema has checked it compiles. */
function regexMatcher(matcher: string | undefined): (text: string) => boolean {
  if (matcher === undefined) return () => true;
  try {
    const re = new RegExp(matcher);
    return (text) => re.test(text);
  } catch {
    return () => false;
  }
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
 * Whether a tool event concerns the hook. Keel's tools also answer to Kiro's names for them (`fsWrite` is
 * `fs_write`, `executeBash` is `execute_bash`: specs-schema's KEEL_TOOLS). A v1 `matcher` is a regular expression
 * searched in any of those names (absent: every tool). A 0.x `toolTypes` entry is a category (`read`, `write`,
 * `shell`, `web`, `spec`, `*`) or a regular expression matched against a whole name (`.*git_commit.*`); an entry
 * that is not a valid expression is compared literally.
 */
export function matchesTool(hook: HookEntry, tool: ToolUse): boolean {
  const names = toolAliases(tool.name);
  if (hook.format === 'v1') {
    const isMatch = regexMatcher(hook.matcher);
    return names.some(isMatch);
  }
  for (const type of hook.toolTypes ?? []) {
    if (type === '*') return true;
    if (CATEGORIES.has(type)) {
      if (tool.category === type) return true;
      continue;
    }
    if (names.includes(type) || type === tool.category) return true;
    try {
      const re = new RegExp(`^(?:${type})$`);
      if (names.some((n) => re.test(n))) return true;
    } catch {
      // Not a regular expression: the literal comparison above was the check.
    }
  }
  return false;
}
