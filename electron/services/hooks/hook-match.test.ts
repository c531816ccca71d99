import { describe, expect, it } from 'vitest';
import type { Hook } from './hook-types';
import { matchesTool, matchingFiles } from './hook-match';

const hook = (when: Hook['when']): Hook => ({ name: 'h', when, then: { type: 'runCommand', command: 'true' } });

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
