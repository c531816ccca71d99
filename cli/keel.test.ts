import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstDifference } from './commands/spec-roundtrip';

const repoRoot = resolve(import.meta.dirname, '..');
const entry = join(repoRoot, 'cli', 'keel.ts');
// Resolved from the repo so the CLI also runs with a temporary workspace as its working directory.
const tsx = pathToFileURL(createRequire(join(repoRoot, 'package.json')).resolve('tsx')).href;

function keel(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, ['--import', tsx, entry, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const requirements = '# Requirements Document\n\n### Requirement 1: Save\n\n#### Acceptance Criteria\n\n1. WHEN the user saves THE system SHALL write the file.\n2. THE system SHALL keep a backup.\n';
const tasks = '# Implementation Plan\n\n- [x] 1. Save\n  - _Requirements: 1.1, 1.2_\n- [ ]* 2. Tests\n  - [-] 2.1 Unit\n    - _Requirements: 1.1_\n\n```md\n- [ ] not a task\n```\n';
const hook = '{"name": "Lint", "when": {"type": "fileEdited", "patterns": ["*.ts"]}, "then": {"type": "askAgent", "prompt": "lint"}}';

describe('keel CLI', () => {
  it('prints help with the commands and exit codes', () => {
    const r = keel(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('keel spec stats');
    expect(r.out).toContain('keel spec check');
    expect(r.out).toContain('2 usage error');
    const sub = keel(['spec', 'roundtrip', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.out).toContain('Usage: keel spec roundtrip');
  });

  it('exits 2 on usage errors', () => {
    expect(keel(['spec', 'frobnicate']).code).toBe(2);
    expect(keel(['spec', 'stats']).code).toBe(2);
    const badOption = keel(['spec', 'stats', '.', '--jsn']);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain('--jsn');
    expect(keel(['spec', 'check', 'does-not-exist']).code).toBe(2);
  });

  it('spec stats --json prints one object per Kiro file', () => {
    const dir = workspace({ '.kiro/specs/save/requirements.md': requirements, '.kiro/specs/save/tasks.md': tasks, '.kiro/hooks/lint.kiro.hook': hook, 'src/app.ts': 'x' });
    const r = keel(['spec', 'stats', '.', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { file: '.kiro/hooks/lint.kiro.hook', kind: 'hook', hookEvent: 'fileEdited' },
      { file: '.kiro/specs/save/requirements.md', kind: 'requirements', requirements: 1, criteria: 2 },
      { file: '.kiro/specs/save/tasks.md', kind: 'tasks', tasks: { total: 3, open: 1, inProgress: 1, done: 1, optional: 1 } },
    ]);
  });

  it('spec roundtrip names a file that cannot survive and the first differing byte', () => {
    const dir = workspace({ '.kiro/steering/ok.md': '---\r\ninclusion: always\r\n---\r\nx', '.kiro/steering/bad.md': Buffer.from([0x61, 0x62, 0xff, 0x63]) });
    const r = keel(['spec', 'roundtrip', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.out.trim()).toBe('.kiro/steering/bad.md: differs from byte 2');
    expect(keel(['spec', 'roundtrip', '.kiro/steering/ok.md'], dir).code).toBe(0);
    expect(firstDifference(Buffer.from('abc'), Buffer.from('ab'))).toBe(2);
  });

  it('spec check exits 1 on errors and reports 1-based positions as JSON', () => {
    const broken = workspace({ '.kiro/specs/save/requirements.md': requirements, '.kiro/specs/save/tasks.md': tasks.replace('1.1, 1.2', '1.1, 1.2, 3.4') });
    const r = keel(['spec', 'check', '.', '--json'], broken);
    expect(r.code).toBe(1);
    const diags = r.out.trim().split('\n').map((l) => JSON.parse(l) as { code: string; file: string; line: number; column: number; severity: string });
    expect(diags).toContainEqual(expect.objectContaining({ code: 'trace/dangling-ref', file: '.kiro/specs/save/tasks.md', line: 4, column: 30, severity: 'error' }));
    const clean = workspace({ '.kiro/specs/save/requirements.md': requirements, '.kiro/specs/save/tasks.md': tasks });
    const ok = keel(['spec', 'check', '.'], clean);
    expect(ok.code).toBe(0);
    expect(ok.err).toContain('0 error(s)');
  });

  const corpus = process.env.KEEL_KIRO_CORPUS ?? join(repoRoot, '..', 'shared', 'kiro-corpus');
  it.runIf(existsSync(join(corpus, 'MANIFEST.tsv')))('spec stats over the corpus prints exactly the committed snapshot', () => {
    const r = keel(['spec', 'stats', '.', '--json'], corpus);
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(readFileSync(join(repoRoot, 'specs-schema', 'corpus', 'corpus-stats.snapshot.json'), 'utf8')) as { file: string }[];
    const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : 1);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l) as { file: string }).sort(byFile)).toEqual(snapshot.sort(byFile));
  });
});
