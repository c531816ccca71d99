import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock, type RecordedRequest } from '../e2e/fixtures/fake-bedrock';
import { runKeel } from './keel';

const repoRoot = resolve(import.meta.dirname, '..');
const fixture = join(repoRoot, 'e2e/fixtures/tasks/three-tasks');

function taskOf(request: RecordedRequest): string {
  const messages = request.body.messages as { content: { text?: string }[] }[];
  const prompt = messages[0]?.content.find((c) => c.text)?.text ?? '';
  return /Implement task (\S+)/.exec(prompt)?.[1] ?? 'x';
}

let fake: FakeBedrock;
const saved = { ...process.env };
beforeAll(async () => {
  // The executor writes src/task-<id>.js, then says it is done (the real agent host and Bedrock provider run).
  fake = await startFakeBedrock({
    script: (req) =>
      (req.body.messages as unknown[]).length === 1
        ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: `src/task-${taskOf(req)}.js`, text: `// task ${taskOf(req)}\n` } } }] }
        : { steps: [{ text: `Implemented task ${taskOf(req)}.` }] },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
});
afterAll(async () => {
  await fake.close();
  process.env = saved;
});

async function run(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'keel-task-run-'));
  cpSync(fixture, dir, { recursive: true });
  const userData = mkdtempSync(join(tmpdir(), 'keel-task-run-user-'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeel(['task', 'run', ...args, '--user-data-dir', userData], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });
  const tasks = readFileSync(join(dir, '.kiro/specs/greetings/tasks.md'), 'utf8');
  const result = { code, out, err: err.join('\n'), tasks, wrote: existsSync(join(dir, 'src/task-1.js')) };
  rmSync(dir, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
  return result;
}

describe('keel task run', () => {
  it('prints the proposed diff and, with --yes, applies it and ticks the task', async () => {
    const r = await run(['greetings', '1', '--yes']);
    expect(r.err).toContain('Task 1 done');
    expect(r.code).toBe(0);
    expect(r.out).toContain('+// task 1');
    expect(r.wrote).toBe(true);
    expect(r.tasks).toMatch(/- \[x\] 1\./);
  }, 60_000);

  it('without --yes rejects the change: nothing written, the task back to [ ], exit 1', async () => {
    const r = await run(['greetings', '1']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('+// task 1');
    expect(r.err).toContain('run with --yes');
    expect(r.wrote).toBe(false);
    expect(r.tasks).toMatch(/- \[ \] 1\./);
  }, 60_000);

  it('--autopilot lets the runner apply the writes itself', async () => {
    const r = await run(['greetings', '1', '--autopilot']);
    expect(r.code).toBe(0);
    expect(r.wrote).toBe(true);
    expect(r.tasks).toMatch(/- \[x\] 1\./);
  }, 60_000);

  it('names the problem for an unknown task or spec (usage, exit 2)', async () => {
    expect((await run(['nope', '1'])).code).toBe(2);
    const unknown = await run(['greetings', '9.9']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/9\.9/);
  });
});

describe('keel spec check: drift after a task run', () => {
  it('flags a done task whose file changed outside a task, and one whose requirement was edited since', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-drift-'));
    cpSync(fixture, dir, { recursive: true });
    const userData = mkdtempSync(join(tmpdir(), 'keel-drift-user-'));
    const io = (out: string[]) => ({ out: (l: string) => out.push(l), err: () => undefined, cwd: dir });
    try {
      expect(await runKeel(['task', 'run', 'greetings', '1', '--yes', '--user-data-dir', userData], io([]))).toBe(0);
      const check = async () => {
        const out: string[] = [];
        const code = await runKeel(['spec', 'check', '--json', '--user-data-dir', userData], io(out));
        return { code, drift: out.map((l) => JSON.parse(l) as { code: string; message: string; file: string; line: number }).filter((d) => d.code.startsWith('drift/')) };
      };
      // Right after the run: nothing drifted.
      expect((await check()).drift).toEqual([]);

      // Someone edits the task's file later (outside a task run).
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(dir, 'src/task-1.js'), later, later);
      const afterEdit = await check();
      expect(afterEdit.code).toBe(0); // drift warns, it does not fail CI
      expect(afterEdit.drift).toEqual([
        expect.objectContaining({ code: 'drift/file-changed', file: '.kiro/specs/greetings/tasks.md', line: 3, message: expect.stringContaining('src/task-1.js') }),
      ]);

      // And the requirement task 1 cites (1.1) is edited after the task was done.
      utimesSync(join(dir, '.kiro/specs/greetings/requirements.md'), later, later);
      expect((await check()).drift.map((d) => d.code)).toEqual(['drift/file-changed', 'drift/requirement-edited']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    }
  }, 60_000);
});

