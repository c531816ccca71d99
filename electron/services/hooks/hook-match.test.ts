import { describe, expect, it } from 'vitest';
import type { HookEntry } from './hook-types';
import { matchesTool, matchingFiles } from './hook-match';

const hook = (when: { type: string; patterns?: string[]; toolTypes?: string[] }): HookEntry => ({
  format: 'legacy',
  index: 0,
  name: 'h',
  trigger: when.type === 'fileEdited' ? 'PostFileSave' : 'PreToolUse',
  ...(when.patterns ? { patterns: when.patterns } : {}),
  ...(when.toolTypes ? { toolTypes: when.toolTypes } : {}),
  action: { type: 'command', command: 'true' },
  enabled: true,
});
const v1 = (trigger: HookEntry['trigger'], matcher?: string): HookEntry => ({ format: 'v1', index: 0, name: 'h', trigger, ...(matcher !== undefined ? { matcher } : {}), action: { type: 'command', command: 'true' }, enabled: true });

describe('matchingFiles', () => {
  it('selects files by workspace-relative globs, dotfiles included, with ! exclusions', () => {
    const h = hook({ type: 'fileEdited', patterns: ['src/**/*.ts', '.env*', '!**/*.test.ts'] });
    expect(matchingFiles(h, ['src/a.ts', 'src/deep/b.ts', 'src/a.test.ts', 'lib/c.ts', '.env.local', 'src/a.tsx'])).toEqual([
      'src/a.ts',
      'src/deep/b.ts',
      '.env.local',
    ]);
  });

  it('treats ./ and / prefixes as workspace-relative', () => {
    expect(matchingFiles(hook({ type: 'fileEdited', patterns: ['./docs/*.md'] }), ['docs/a.md'])).toEqual(['docs/a.md']);
    expect(matchingFiles(hook({ type: 'fileEdited', patterns: ['/docs/*.md'] }), ['docs/a.md'])).toEqual(['docs/a.md']);
  });

  it('handles brace and extglob patterns from real hooks', () => {
    const h = hook({ type: 'fileEdited', patterns: ['**/*.{ts,tsx}'] });
    expect(matchingFiles(h, ['a/b.tsx', 'a/b.js'])).toEqual(['a/b.tsx']);
  });
});

describe('matchesTool', () => {
  it('matches categories, * and whole-name regular expressions', () => {
    const tool = { name: 'mcp_git_commit', category: 'shell' };
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['shell'] }), tool)).toBe(true);
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['*'] }), tool)).toBe(true);
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['.*git_commit.*'] }), tool)).toBe(true);
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['git'] }), tool)).toBe(false); // whole name, not a substring
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['write'] }), tool)).toBe(false);
  });

  it('compares an invalid expression literally instead of failing', () => {
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['fs(['] }), { name: 'fs([' })).toBe(true);
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['fs(['] }), { name: 'fsWrite' })).toBe(false);
  });
});

describe('v1 matchers', () => {
  it('search the workspace-relative path with a regular expression; no matcher takes every file', () => {
    expect(matchingFiles(v1('PostFileSave', '\\.(ts|tsx)$'), ['src/a.ts', 'b.tsx', 'c.js', 'd.ts.map'])).toEqual(['src/a.ts', 'b.tsx']);
    expect(matchingFiles(v1('PostFileCreate', 'supabase/migrations/[^/]*\\.sql$'), ['supabase/migrations/1.sql', 'supabase/migrations/x/2.sql'])).toEqual(['supabase/migrations/1.sql']);
    expect(matchingFiles(v1('PostFileSave'), ['a', 'b/c'])).toEqual(['a', 'b/c']);
  });

  it("let Keel's tools answer to Kiro's tool names", () => {
    const cases: [string, string, boolean][] = [
      ['fs_write|str_replace', 'fsWrite', true],
      ['fs_write|str_replace', 'strReplace', true],
      ['^(fs_write|fs_append|str_replace|delete_file|code)$', 'deleteFile', true],
      ['execute_bash', 'executeBash', true],
      ['execute_bash', 'fsWrite', false],
      ['^read$', 'readFile', true],
      ['^read$', 'grepSearch', false],
      ['mcp_github_.*', 'mcp_github_create_issue', true],
    ];
    for (const [matcher, tool, expected] of cases) expect(matchesTool(v1('PreToolUse', matcher), { name: tool }), `${matcher} / ${tool}`).toBe(expected);
    expect(matchesTool(v1('PreToolUse'), { name: 'anything' })).toBe(true);
  });

  it('also apply to 0.x toolTypes written with Kiro names', () => {
    expect(matchesTool(hook({ type: 'preToolUse', toolTypes: ['fs_write'] }), { name: 'fsWrite', category: 'write' })).toBe(true);
  });
});
