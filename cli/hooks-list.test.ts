import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeel } from './keel';

const fixtures = join(import.meta.dirname, '..', 'specs-schema', 'json', 'fixtures', 'hooks');
let dir: string;
let userDir: string;

async function keel(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeel(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir, color: false });
  return { code, out, err: err.join('\n'), json: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function put(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-hooks-list-'));
  userDir = mkdtempSync(join(tmpdir(), 'keel-user-hooks-'));
  process.env.KEEL_USER_HOOKS_DIR = userDir;
});
afterEach(() => {
  delete process.env.KEEL_USER_HOOKS_DIR;
  rmSync(dir, { recursive: true, force: true });
  rmSync(userDir, { recursive: true, force: true });
});

describe('keel hooks list', () => {
  it('prints one line per hook of either format, workspace then ~/.kiro/hooks, and {file,error} for unreadable files', async () => {
    put(dir, '.kiro/hooks/lint.json', readFileSync(join(fixtures, 'v1-lint-python-on-save.json'), 'utf8'));
    put(dir, '.kiro/hooks/legacy.json', readFileSync(join(fixtures, 'legacy-in-json.json'), 'utf8'));
    put(dir, '.kiro/hooks/ci.kiro.hook', JSON.stringify({ name: 'CI', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'npm test' }, enabled: false }));
    put(dir, '.kiro/hooks/odd.json', readFileSync(join(fixtures, 'other-flat.json'), 'utf8'));
    put(userDir, 'guard.json', JSON.stringify({ version: 'v1', hooks: [{ name: 'Guard', trigger: 'PreToolUse', matcher: 'fs_write', action: { type: 'command', command: 'exit 0' } }, { name: 'Review', trigger: 'Stop', action: { type: 'agent', prompt: 'r' } }] }));
    put(userDir, 'locked.json', '{}');
    chmodSync(join(userDir, 'locked.json'), 0o000);
    const r = await keel(['hooks', 'list', '--json']);
    const lines = r.json();
    expect(lines.slice(0, 3)).toEqual([
      { file: '.kiro/hooks/ci.kiro.hook', name: 'CI', format: 'legacy', trigger: 'Manual', matcher: null, action: 'command', enabled: false },
      { file: '.kiro/hooks/legacy.json', name: 'Lint Python on Save', format: 'legacy', trigger: 'PostFileSave', matcher: '*.py', action: 'agent', enabled: true },
      { file: '.kiro/hooks/lint.json', name: 'Lint Python on Save', format: 'v1', trigger: 'PostFileSave', matcher: '.*[^/]*\\.py$', action: 'command', enabled: true },
    ]);
    expect(lines[3]).toMatchObject({ file: '.kiro/hooks/odd.json', error: expect.stringMatching(/Not a hook Kiro runs/) });
    expect(lines.slice(4, 6)).toEqual([
      { file: '~/.kiro/hooks/guard.json', name: 'Guard', format: 'v1', trigger: 'PreToolUse', matcher: 'fs_write', action: 'command', enabled: true },
      { file: '~/.kiro/hooks/guard.json', name: 'Review', format: 'v1', trigger: 'Stop', matcher: null, action: 'agent', enabled: true },
    ]);
    if (process.getuid?.() !== 0) expect(lines[6]).toEqual({ file: '~/.kiro/hooks/locked.json', error: expect.stringMatching(/could not be read/) });
    expect(r.code).toBe(1);
    const text = await keel(['hooks', 'list']);
    expect(text.out[2]).toMatch(/● Lint Python on Save {2}PostFileSave .* → command {2}\[v1\] {2}\.kiro\/hooks\/lint\.json/);
  });

  it('exits 0 with no line when there are no hooks', async () => {
    const r = await keel(['hooks', 'list', '--json']);
    expect([r.code, r.out]).toEqual([0, []]);
  });
});

describe('keel hooks run (v1)', () => {
  it('runs one hook of a v1 file by name, with the payload on stdin and {filePath}', async () => {
    put(dir, '.kiro/hooks/two.json', JSON.stringify({ version: 'v1', hooks: [
      { name: 'Other', trigger: 'Manual', action: { type: 'command', command: 'echo other' } },
      { name: 'Show', trigger: 'PostFileSave', action: { type: 'command', command: 'cat; echo; echo {filePath}' } },
    ] }));
    const r = await keel(['hooks', 'run', 'Show', '--file', 'src/a.ts', '--json']);
    expect(r.code).toBe(0);
    const [result] = r.json();
    const [payload, file] = String(result?.output).trim().split('\n');
    expect(JSON.parse(payload as string)).toMatchObject({ hook_event_name: 'PostFileSave', cwd: dir, file_path: join(dir, 'src/a.ts') });
    expect(file).toBe(join(dir, 'src/a.ts'));
    expect((await keel(['hooks', 'run', '.kiro/hooks/two.json#0'])).code).toBe(0);
  });
});
