import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { runKeel } from './keel';

const repoRoot = resolve(import.meta.dirname, '..');
const example = join(repoRoot, 'examples');
const corpus = process.env.KEEL_KIRO_CORPUS ?? join(repoRoot, '..', 'shared', 'kiro-corpus');

/** Runs the CLI in this process with captured streams (the spawned binary is covered by keel.test.ts). */
async function keel(args: string[], cwd = example, color = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeel(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, color });
  return { code, out, err: err.join('\n'), json: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const hook = (name: string, then: object) => JSON.stringify({ name, version: '1', when: { type: 'userTriggered' }, then });

describe('keel on the example project', () => {
  it('spec list --json names the spec with its type and progress', async () => {
    const r = await keel(['spec', 'list', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([
      expect.objectContaining({ name: 'todo-priorities', dir: '.kiro/specs/todo-priorities', type: 'feature', workflow: 'requirements-first', tasks: { done: 1, total: 8 } }),
    ]);
    const text = await keel(['spec', 'list']);
    expect(text.out).toEqual([expect.stringMatching(/^todo-priorities\s+feature\s+1\/8 tasks\s+\.kiro\/specs\/todo-priorities$/)]);
  });

  it('spec show --json gives requirements with criteria, the design outline, progress and problems', async () => {
    const r = await keel(['spec', 'show', 'todo-priorities', '--json']);
    expect(r.code).toBe(0);
    const [shown] = r.json();
    expect(shown).toMatchObject({ name: 'todo-priorities', tasks: { total: 8, done: 1, optional: 1 }, problems: { error: 0, warning: 0 } });
    const reqs = shown!.requirements as { id: string; title: string; criteria: { id: string }[] }[];
    expect(reqs.map((q) => [q.id, q.title, q.criteria.map((c) => c.id)])).toEqual([
      ['1', 'Set a priority', ['1.1', '1.2', '1.3']],
      ['2', 'List by priority', ['2.1', '2.2', '2.3']],
    ]);
    expect(shown!.design).toContain('Testing Strategy');
    // The spec's folder names it too.
    expect((await keel(['spec', 'show', '.kiro/specs/todo-priorities/', '--json'])).code).toBe(0);
  });

  it('task list prints the task tree and --json every task with state and requirement refs', async () => {
    const r = await keel(['task', 'list', 'todo-priorities']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('[x]  1 Store a priority with each todo  (1.1, 1.2)');
    expect(r.out).toContain('  [ ]  2.1 Reject unknown priorities in `addTodo`  (1.3)');
    expect(r.out.at(-1)).toMatch(/^\[ \]\* 4 /);
    expect(r.err).toContain('1/8 tasks done');
    const [json] = (await keel(['task', 'list', 'todo-priorities', '--json'])).json();
    const tasks = json!.tasks as { id: string; state: string; depth: number; requirements: string[]; optional: boolean }[];
    expect(tasks).toHaveLength(8);
    expect(tasks[0]).toMatchObject({ id: '1', state: 'done', depth: 0, requirements: ['1.1', '1.2'], line: 3 });
    expect(tasks.find((t) => t.id === '2.1')).toMatchObject({ depth: 1, state: 'open', requirements: ['1.3'] });
    expect(tasks.find((t) => t.id === '4')).toMatchObject({ optional: true });
  });

  it('spec check on the clean example exits 0; an unknown spec or folder is a usage error (2) naming what exists', async () => {
    expect((await keel(['spec', 'check'])).code).toBe(0);
    const unknown = await keel(['spec', 'show', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No spec "nope" in . (specs: todo-priorities)');
    expect((await keel(['task', 'list', 'todo-priorities', '-w', 'missing-dir'])).code).toBe(2);
    expect((await keel(['spec', 'list', 'a', 'b'])).code).toBe(2);
  });

  it('colours only when asked (a terminal), never inside --json', async () => {
    const plain = await keel(['task', 'list', 'todo-priorities']);
    expect(plain.out.join('\n')).not.toContain('\x1b[');
    const coloured = await keel(['task', 'list', 'todo-priorities'], example, true);
    expect(coloured.out[0]).toContain('\x1b[32m[x]\x1b[39m');
    const json = await keel(['spec', 'show', 'todo-priorities', '--json'], example, true);
    expect(json.out.join('')).not.toContain('\x1b[');
  });

  it('shows progress only through the terminal progress line, and clears it before the summary', async () => {
    const seen: (string | undefined)[] = [];
    const out: string[] = [];
    const code = await runKeel(['spec', 'check'], { out: (l) => out.push(l), err: () => undefined, cwd: example, progress: (t) => seen.push(t) });
    expect(code).toBe(0);
    expect(seen[0]).toMatch(/^Reading 1\/\d+ files/);
    expect(seen).toContain('Checking 7 files…');
    expect(seen.at(-1)).toBeUndefined();
  });

  it('every command has --help with its usage', async () => {
    for (const c of COMMANDS) {
      const r = await keel([...c.path, '--help']);
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toContain(`Usage: keel ${c.usage}`);
    }
    const group = await keel(['hooks', '--help']);
    expect(group.out.join('\n')).toContain('keel hooks run');
  });
});

describe('keel hooks run', () => {
  const dir = workspace({
    '.kiro/hooks/ok.kiro.hook': hook('Say files', { type: 'runCommand', command: 'node -e "console.log(\'files: \' + process.env.KEEL_CHANGED_FILES)"' }),
    '.kiro/hooks/fails.kiro.hook': hook('Fails', { type: 'runCommand', command: 'node -e "console.log(\'partial\'); process.exit(3)"' }),
    '.kiro/hooks/agent.kiro.hook': hook('Review', { type: 'askAgent', prompt: 'review' }),
    '.kiro/hooks/broken.kiro.hook': '{"name": "Broken", ',
  });

  it('runs a runCommand hook in the workspace, streams its output and reports the changed files it was given', async () => {
    const r = await keel(['hooks', 'run', 'Say files', '--file', 'src/a.ts', '-f', 'src/b.ts'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['files: src/a.ts', 'src/b.ts']);
    expect(r.err).toContain('$ node -e');
    expect(r.err).toContain('Hook "Say files" succeeded');
  });

  it('exits 1 when the command fails and --json reports status, exit code and output', async () => {
    expect((await keel(['hooks', 'run', 'fails'], dir)).code).toBe(1);
    const r = await keel(['hooks', 'run', 'fails', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.json()).toEqual([expect.objectContaining({ hook: 'Fails', file: '.kiro/hooks/fails.kiro.hook', status: 'failed', exitCode: 3, output: 'partial\n' })]);
  });

  it('refuses askAgent hooks with exit 3 and invalid hook files with exit 1, each saying why', async () => {
    const agent = await keel(['hooks', 'run', 'Review'], dir);
    expect(agent.code).toBe(3);
    expect(agent.err).toMatch(/askAgent.*no agent connection/);
    const broken = await keel(['hooks', 'run', 'broken'], dir);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('cannot run');
    const missing = await keel(['hooks', 'run', 'nothing'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('"Say files"');
  });
});

describe.runIf(existsSync(join(corpus, 'MANIFEST.tsv')))('keel on the Kiro corpus', () => {
  it('spec check --json exits 1 (the corpus has errors) with one well-formed diagnostic per line', async () => {
    const r = await keel(['spec', 'check', '.', '--json'], corpus);
    expect(r.code).toBe(1);
    const diags = r.json();
    expect(diags.length).toBeGreaterThan(100);
    for (const d of diags) {
      expect(existsSync(join(corpus, d.file as string))).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(['error', 'warning', 'info']).toContain(d.severity);
    }
    expect(diags.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
  });

  it('spec list finds specs in every project folder, and task list reads one by its folder', async () => {
    const specs = (await keel(['spec', 'list', '--json'], corpus)).json() as { dir: string; tasks: { total: number }; files: { tasks?: string } }[];
    expect(specs.length).toBeGreaterThan(30);
    for (const s of specs) expect(existsSync(join(corpus, s.dir))).toBe(true);
    const withTasks = specs.find((s) => s.tasks.total > 5)!;
    const [listed] = (await keel(['task', 'list', withTasks.dir, '--json'], corpus)).json();
    expect((listed!.tasks as unknown[]).length).toBe(withTasks.tasks.total);
  });
});
