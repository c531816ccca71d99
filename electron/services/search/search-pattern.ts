import { KeelError, type ParsedSearchQuery } from '../../../protocol';

/**
 * The query as a JavaScript RegExp. It validates the input before ripgrep is spawned (so a typo shows its error at
 * once) and drives replace, which runs in Node on the file text. Flags: g, m (ripgrep is line-oriented, so ^ and $
 * are line anchors), i unless match case, u when the pattern allows it (ripgrep's regexes are Unicode-aware).
 */
export function buildRegExp(query: Pick<ParsedSearchQuery, 'pattern' | 'isRegex' | 'matchCase' | 'wholeWord'>): RegExp {
  let source = query.isRegex ? query.pattern : escapeRegExp(query.pattern);
  if (query.wholeWord) source = `\\b(?:${source})\\b`;
  const flags = `gm${query.matchCase ? '' : 'i'}`;
  try {
    return new RegExp(source, `${flags}u`);
  } catch {
    try {
      return new RegExp(source, flags);
    } catch (err) {
      throw new KeelError('BAD_REQUEST', describeRegexError(err));
    }
  }
}

function describeRegexError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // V8 says "Invalid regular expression: /a(/gm: Unterminated group"; the user wants the reason, not our flags.
  const reason = /:\s*([^:]+)$/.exec(message)?.[1]?.trim();
  return `Invalid regular expression: ${reason ?? message}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Comma-separated globs → ripgrep --glob values. A bare folder name ("src") also covers everything under it. */
export function splitGlobs(list: string): string[] {
  const globs: string[] = [];
  for (const raw of list.split(',')) {
    const glob = raw.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (!glob) continue;
    globs.push(glob);
    if (!glob.endsWith('/**')) globs.push(`${glob}/**`);
  }
  return globs;
}

export interface RgArgsOptions {
  /** Absolute path of the workspace's .kiroignore, when it exists. */
  kiroIgnore?: string;
}

/** ripgrep's command line for a query. Paths come back relative to the cwd (the workspace root). */
export function ripgrepArgs(query: ParsedSearchQuery, options: RgArgsOptions = {}): string[] {
  const args = [
    '--json',
    '--no-config', // a user's RIPGREP_CONFIG_PATH must not change what Keel finds
    '--hidden', // .github, .kiro: dot-folders hold real content
    '--binary', // search binary files so they can be counted as skipped (their matches are dropped)
    '--engine',
    'auto', // Rust regex, PCRE2 only when the pattern needs look-around or backreferences
    '--glob',
    '!.git',
  ];
  if (query.useIgnoreFiles) {
    args.push('--no-require-git'); // .gitignore applies even in a folder that is not a git repository
    if (options.kiroIgnore) args.push('--ignore-file', options.kiroIgnore);
  } else {
    args.push('--no-ignore');
  }
  // Matches are held per file until ripgrep's end-of-file message; bound that, so one huge log cannot fill memory.
  args.push('--max-count', String(query.maxResults));
  args.push(query.matchCase ? '--case-sensitive' : '--ignore-case');
  if (!query.isRegex) args.push('--fixed-strings');
  if (query.wholeWord) args.push('--word-regexp');
  for (const glob of splitGlobs(query.include)) args.push('--glob', glob);
  for (const glob of splitGlobs(query.exclude)) args.push('--glob', `!${glob}`);
  args.push('--regexp', query.pattern, '--', '.');
  return args;
}
