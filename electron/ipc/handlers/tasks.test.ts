// Start task through the contract, on the real services: agent host (fake Bedrock), change review, trust's command
// approval and the example project's own `node --test` as the check named by its steering.
import { cp, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock } from '../../../e2e/fixtures/fake-bedrock';
import type { CommandAsk, EventName, EventOf, RunnerStatus, TaskRunSummary } from '../../../protocol';
import { RecentFolders } from '../../services/app/user-data';
import { Workbench } from '../../services/app/workbench';
import { createRouter, type Router } from '../router';
import { createHandlers } from './index';

const examples = path.resolve(import.meta.dirname, '../../../examples');
const TASKS = '.kiro/specs/todo-priorities/tasks.md';
const SPEC = '.kiro/specs/todo-priorities';
const ctx = { connectionId: 'c1' };
const saved: Record<string, string | undefined> = {};
let fake: FakeBedrock;
let base: string;
let ws: string;
let workbench: Workbench;
let r: Router;
let events: { name: string; payload: unknown }[];

beforeAll(async () => {
  // Each task: one edit, then a closing summary once the tool result is back.
  fake = await startFakeBedrock({
    script: (req) => {
      const messages = req.body.messages as unknown[];
      return messages.length === 1
        ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/priority.js', text: "export const PRIORITIES = ['high', 'normal', 'low'];\n" } } }] }
        : { steps: [{ text: 'Added the list of allowed priorities.' }] };
    },
  });
  for (const [k, v] of Object.entries({ KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: undefined })) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fake.close();
});

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-tasks-handlers-')));
  ws = path.join(base, 'ws');
  await cp(examples, ws, { recursive: true });
  events = [];
  const recent = new RecentFolders(path.join(base, 'user-data'));
  workbench = new Workbench({
    recent,
    userDataDir: path.join(base, 'user-data'),
    emit: <E extends EventName>(name: E, payload: EventOf<E>) => void events.push({ name, payload }),
  });
  r = createRouter(createHandlers({ host: { kind: 'browser', version: '0' }, workbench, recent }));
  await workbench.open(ws);
});
afterEach(async () => {
  await workbench.dispose();
  await rm(base, { recursive: true, force: true });
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const reply = (await r.dispatch(channel, payload, ctx)) as { ok: boolean; value?: T; error?: unknown };
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.value as T;
}

const eventsNamed = <T>(name: string): T[] => events.filter((e) => e.name === name).map((e) => e.payload as T);

describe('tasks over the contract', () => {
  it('Start task: [-] at once → review → accept → the steering check runs sandboxed, unasked, and passes → [x], one line changed', async () => {
    const before = await readFile(path.join(ws, TASKS), 'utf8');
    await call('trust/decide', { decision: 'trusted' });
    const { runId } = await call<{ runId: string }>('tasks/start', { specDir: SPEC, taskId: '2.1', mode: 'supervised' });
    expect(runId).toMatch(/\S/);
    expect(await readFile(path.join(ws, TASKS), 'utf8')).toBe(before.replace('  - [ ] 2.1', '  - [-] 2.1'));

    // The review opens with the task as its source; the run status points at it.
    await expect.poll(() => eventsNamed<RunnerStatus>('tasks/status').at(-1)?.active[0]?.phase, { timeout: 15_000 }).toBe('reviewing');
    const reviewId = eventsNamed<RunnerStatus>('tasks/status').at(-1)!.active[0]!.reviewId!;
    const review = await call<{ summary: string; files: { path: string }[] }>('changes/get', { id: reviewId });
    expect(review.files.map((f) => f.path)).toEqual(['src/priority.js']);
    await call('changes/apply', { id: reviewId, acceptAll: true });

    // The example's steering names `node --test`: with the OS sandbox it runs confined, without an ask.

    await expect.poll(() => eventsNamed<RunnerStatus>('tasks/status').at(-1)?.busy, { timeout: 30_000 }).toBe(false);
    expect(eventsNamed<CommandAsk>('trust/commandAsk')).toEqual([]);
    expect(await readFile(path.join(ws, TASKS), 'utf8')).toBe(before.replace('  - [ ] 2.1', '  - [x] 2.1'));
    const { runs } = await call<{ runs: TaskRunSummary[] }>('tasks/history', { specDir: SPEC, taskId: '2.1' });
    expect(runs[0]).toMatchObject({ outcome: 'done', filesChanged: ['src/priority.js'], checks: [{ command: 'node --test', passed: true }], review: { status: 'applied' } });
    expect(runs[0]!.sessions).toHaveLength(1);
    expect(runs[0]!.usage.outputTokens).toBeGreaterThan(0);
    expect(await call('tasks/filesChanged', { specDir: SPEC, taskId: '2.1' })).toEqual({ files: ['src/priority.js'] });
  }, 60_000);

  it('a restricted folder cannot run the check: the task goes back to [ ] and the log says why', async () => {
    const before = await readFile(path.join(ws, TASKS), 'utf8');
    await call('trust/decide', { decision: 'restricted' });
    await call('tasks/start', { specDir: SPEC, taskId: '2.1', mode: 'supervised' });
    await expect.poll(() => eventsNamed<RunnerStatus>('tasks/status').at(-1)?.active[0]?.reviewId, { timeout: 15_000 }).toBeTruthy();
    await call('changes/apply', { id: eventsNamed<RunnerStatus>('tasks/status').at(-1)!.active[0]!.reviewId, acceptAll: true });
    await expect.poll(() => eventsNamed<RunnerStatus>('tasks/status').at(-1)?.busy, { timeout: 30_000 }).toBe(false);
    expect(await readFile(path.join(ws, TASKS), 'utf8')).toBe(before);
    const { runs } = await call<{ runs: TaskRunSummary[] }>('tasks/history', { specDir: SPEC, taskId: '2.1' });
    expect(runs[0]!.outcome).toBe('reverted');
    expect(runs[0]!.reason).toMatch(/^The check `node --test` was not run: .*not trusted/);
  }, 60_000);

  it('answers bad requests with clear errors', async () => {
    await expect(call('tasks/start', { specDir: SPEC, taskId: '42' })).rejects.toThrow('Task 42 is not in .kiro/specs/todo-priorities/tasks.md.');
    await expect(call('tasks/start', { specDir: SPEC, taskId: '1' })).rejects.toThrow('Task 1 is already done.');
    await expect(call('tasks/runAll', { specDir: '.kiro/specs/nope' })).rejects.toThrow(/NOT_FOUND|does not exist|nope/);
  });
});
