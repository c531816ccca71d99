import { describe, expect, it } from 'vitest';
import { SecretPolicy } from '../tools/secrets';
import { mergeChips, parseChips, promptWithoutChips } from './chips-parse';
import { dropSecretSections, resolveChip, type ChipContext } from './chips-resolve';
import { DEFAULT_LIMITS } from './limits';
import { memoryWorkspace } from './memory-workspace';
import type { ContextPorts, ContextProblem } from './ports';

describe('parseChips', () => {
  it('finds every chip kind written inline, without trailing punctuation', () => {
    expect(parseChips('Fix #file:src/a.ts, compare #file:"docs/my notes.md" in #folder:src (see #spec:user-auth) per #steering:tech; check #terminal and #problems, #git diff, #codebase.')).toEqual([
      { kind: 'file', path: 'src/a.ts' },
      { kind: 'file', path: 'docs/my notes.md' },
      { kind: 'folder', path: 'src' },
      { kind: 'spec', name: 'user-auth' },
      { kind: 'steering', name: 'tech' },
      { kind: 'terminal' },
      { kind: 'problems' },
      { kind: 'gitDiff' },
      { kind: 'codebase' },
    ]);
    expect(parseChips('a#file:x and issue #12 and #terminals')).toEqual([]);
  });

  it('merges structured and inline chips once each and strips them for the search query', () => {
    expect(mergeChips([{ kind: 'file', path: './src/a.ts' }], 'see #file:src/a.ts and #gitdiff')).toEqual([{ kind: 'file', path: './src/a.ts' }, { kind: 'gitDiff' }]);
    expect(promptWithoutChips('where is the retry logic #codebase')).toBe('where is the retry logic');
  });
});

function ctx(files: Record<string, string>, ports: Partial<ContextPorts> = {}, secrets = new SecretPolicy()) {
  const problems: ContextProblem[] = [];
  const workspace = memoryWorkspace(files);
  const c: ChipContext = { ports: { workspace, ...ports }, secrets, limits: { ...DEFAULT_LIMITS, folderChars: 20, fileChars: 50 }, problems, query: 'retry' };
  return { c, problems, workspace, secrets };
}

describe('resolveChip', () => {
  it('#file reads the file, and an attached .env is read (the user chose to share it) and stays readable', async () => {
    const { c, secrets } = ctx({ 'src/a.ts': 'export const a = 1;\n', '.env': 'KEY=1' });
    expect(await resolveChip({ kind: 'file', path: 'src/a.ts' }, c)).toBe('<file path="src/a.ts">\nexport const a = 1;\n</file>');
    expect(await resolveChip({ kind: 'file', path: '.env' }, c)).toBe('<file path=".env">\nKEY=1\n</file>');
    expect(secrets.isRefused('.env')).toBe(false);
  });

  it('#file refuses escapes, reports missing and truncates big files', async () => {
    const { c, problems } = ctx({ 'big.txt': 'y'.repeat(80) });
    expect(await resolveChip({ kind: 'file', path: '../x' }, c)).toBeUndefined();
    expect(await resolveChip({ kind: 'file', path: 'gone.ts' }, c)).toBeUndefined();
    expect(await resolveChip({ kind: 'file', path: 'big.txt' }, c)).toContain('… (truncated)');
    expect(problems.map((p) => p.code)).toEqual(['chip/missing', 'chip/missing', 'chip/truncated']);
  });

  it('#folder lists files and includes contents within budget, leaving secrets out unread', async () => {
    const { c, problems, workspace } = ctx({ 'src/a.ts': 'A', 'src/b.ts': 'B', 'src/.env.local': 'SECRET', 'src/z.pem': 'KEY', 'other/c.ts': 'C' });
    const block = await resolveChip({ kind: 'folder', path: 'src' }, c);
    expect(block).toBe('<folder path="src" files="2">\nsrc/a.ts\nsrc/b.ts\n\n<file path="src/a.ts">\nA\n</file>\n\n<file path="src/b.ts">\nB\n</file>\n</folder>');
    expect(problems.map((p) => p.message)).toEqual(['#folder:src: 2 file(s) that look like secrets were left out. Attach one with #file if the agent should see it.']);
    expect(workspace.reads).not.toContain('src/.env.local');
  });

  it('#spec gives the spec documents in reading order', async () => {
    const { c } = ctx({ '.kiro/specs/auth/tasks.md': 'T', '.kiro/specs/auth/requirements.md': 'R', '.kiro/specs/auth/design.md': 'D' });
    const block = (await resolveChip({ kind: 'spec', name: 'auth' }, c)) ?? '';
    expect([...block.matchAll(/<file path="([^"]+)"/g)].map((m) => m[1])).toEqual(['.kiro/specs/auth/requirements.md', '.kiro/specs/auth/design.md', '.kiro/specs/auth/tasks.md']);
  });

  it('host chips go through their ports, and say so when the host has none', async () => {
    const { c, problems } = ctx(
      {},
      {
        terminal: { recentOutput: async ({ maxChars }) => ({ title: 'bash', text: `npm test\nFAIL ${maxChars}` }) },
        problems: { list: async () => [{ path: 'src/a.ts', line: 3, column: 5, severity: 'error', message: 'x is not defined', source: 'ts' }] },
        codebase: { search: async (q) => [{ path: 'src/retry.ts', line: 10, snippet: `function ${q}()` }, { path: '.env', snippet: 'KEY=1' }] },
      },
    );
    expect(await resolveChip({ kind: 'terminal' }, c)).toBe('<terminal title="bash">\nnpm test\nFAIL 20000\n</terminal>');
    expect(await resolveChip({ kind: 'problems' }, c)).toBe('<problems count="1">\nsrc/a.ts:3:5 error: x is not defined (ts)\n</problems>');
    expect(await resolveChip({ kind: 'codebase' }, c)).toBe('<codebase query="retry">\n<snippet path="src/retry.ts" line="10">\nfunction retry()\n</snippet>\n</codebase>');
    expect(await resolveChip({ kind: 'gitDiff' }, c)).toBeUndefined();
    expect(problems).toEqual([{ code: 'chip/unavailable', message: '#git diff is not available here.' }]);
  });
});

describe('#git diff', () => {
  it('drops the sections of secret files and keeps the rest byte for byte', () => {
    const a = 'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n';
    const env = 'diff --git a/.env b/.env\n--- a/.env\n+++ b/.env\n@@ -1 +1 @@\n-KEY=1\n+KEY=2\n';
    expect(dropSecretSections(a + env + a, new SecretPolicy())).toEqual({ text: a + a, dropped: ['.env'] });
  });
});
