import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeBedrock, FakeResponse } from '../../../e2e/fixtures/fake-bedrock';
import { parseTasksMeta } from '../../../specs-schema';
import { ProcessCheckRunner } from './check-runner';
import type { TaskHooks } from './ports';
import { TaskRunner, type LogEntry, type RunnerStatus } from './task-runner';
import {
  DEMO_TASKS,
  demoWorkspace,
  LibraryExecutor,
  readTasks,
  ScriptedApproval,
  ScriptedReview,
  SPEC_DIR,
  startFakeBedrock,
  writesFile,
} from './test-support';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Setup {
  root: string;
  runner: TaskRunner;
  fake: FakeBedrock;
  review: ScriptedReview;
  approval: ScriptedApproval;
  statuses: RunnerStatus[];
  logs: LogEntry[];
  /** Check output chunks as streamed. */
  output: string[];
  /** Resolves when the current run (or Run all) is over. */
  idle(): Promise<RunnerStatus>;
}

async function setup(
  script: FakeResponse[] | ((index: number) => FakeResponse),
  options: { files?: Record<string, string>; decide?: (i: number) => 'accept' | 'reject' | 'hold'; approval?: ScriptedApproval; hooks?: TaskHooks } = {},
): Promise<Setup> {
  const { root, userData, ws } = await demoWorkspace(options.files);
  const fake = await startFakeBedrock({ script: typeof script === 'function' ? (_r, i) => script(i) : script });
  const review = new ScriptedReview(root, options.decide);
  const approval = options.approval ?? new ScriptedApproval();
  const statuses: RunnerStatus[] = [];
  const logs: LogEntry[] = [];
  const output: string[] = [];
  const waiters: ((s: RunnerStatus) => void)[] = [];
  const executor = new LibraryExecutor(root, fake);
  const runner = new TaskRunner({
    ws,
    userDataDir: userData,
    ports: () => ({ executor, review, approval, checks: new ProcessCheckRunner(root), ...(options.hooks ? { hooks: options.hooks } : {}) }),
    onStatus: (s) => {
      statuses.push(s);
      if (!s.busy) waiters.splice(0).forEach((w) => w(s));
    },
    onLog: (e) => logs.push(e),
    onCheckOutput: (e) => output.push(e.chunk),
  });
  cleanups.push(async () => {
    await runner.dispose();
    await fake.close();
  });
  return { root, runner, fake, review, approval, statuses, logs, output, idle: () => new Promise((r) => waiters.push(r)) };
}

/** Lines that differ between two texts of the same length in lines. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe('Start task', () => {
  it('shows [-] at once, waits for the review, then ticks [x]: tasks.md differs by exactly one line', async () => {
    const s = await setup(writesFile('src/greet.js', 'export const greet = (n) => `Hello, ${n}`;\n', 'Added greet.'), { decide: () => 'hold' });
    const { runId } = await s.runner.start(SPEC_DIR, '1');
    expect(runId).not.toBe('');
    expect(changedLines(DEMO_TASKS, await readTasks(s.root))).toEqual(['- [-] 1. Create the greeting module']);

    // The review is registered with the executor's summary; nothing is on disk before it is accepted.
    await expect.poll(() => s.review.registered.length).toBe(1);
    expect(s.review.registered[0]).toMatchObject({ summary: 'Added greet.', taskId: '1', paths: ['src/greet.js'] });
    await expect(readFile(join(s.root, 'src/greet.js'), 'utf8')).rejects.toThrow();

    const idle = s.idle();
    await s.review.settle('review-1', 'accept');
    await idle;
    expect(await readFile(join(s.root, 'src/greet.js'), 'utf8')).toContain('Hello');
    expect(changedLines(DEMO_TASKS, await readTasks(s.root))).toEqual(['- [x] 1. Create the greeting module']);

    const [run] = await s.runner.history(SPEC_DIR, '1');
    expect(run).toMatchObject({ outcome: 'done', filesChanged: ['src/greet.js'], review: { status: 'applied' } });
    expect(run!.sessions).toHaveLength(1);
    expect(run!.usage.outputTokens).toBeGreaterThan(0);
    expect(await s.runner.filesChanged(SPEC_DIR, '1')).toEqual(['src/greet.js']);
  });

  it("appends the run to Kiro's tasks.meta.json, keeping every byte Kiro wrote", async () => {
    const kiroMeta = '{\n  "pbtResults": {\n    "2.1 Add `shout(name)`": {\n      "status": "passed",\n      "lastRunTimestamp": 1787231578339\n    }\n  },\n  "executionHistory": {\n    "1. Create the greeting module": [\n      {\n        "executionId": "kiro-exec",\n        "chatSessionId": "sess_kiro",\n        "timestamp": 1787231578339\n      }\n    ]\n  }\n}';
    const s = await setup(writesFile('src/greet.js', 'export const greet = (n) => n;\n', 'Added greet.'), { files: { [`${SPEC_DIR}/tasks.meta.json`]: kiroMeta } });
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '1');
    await idle;
    const after = await readFile(join(s.root, SPEC_DIR, 'tasks.meta.json'), 'utf8');
    const meta = parseTasksMeta(after);
    const runs = meta.executionHistory.get('1. Create the greeting module');
    expect(runs).toHaveLength(2);
    const [run] = await s.runner.history(SPEC_DIR, '1');
    expect(runs![1]).toMatchObject({ executionId: run!.runId, chatSessionId: run!.sessions[0] });
    expect(runs![1]!.timestamp).toBeGreaterThan(1787231578339 - 10 ** 12);
    // Kiro's bytes stay: only the new entry was inserted into the task's array.
    const inserted = after.slice(kiroMeta.indexOf('      }\n    ]') + '      }'.length, after.lastIndexOf('\n    ]'));
    expect(after.replace(inserted, '')).toBe(kiroMeta);
    expect(meta.pbtResults.get('2.1 Add `shout(name)`')?.status).toBe('passed');
  });

  it('puts the task back to [ ] with the reason when the change is rejected', async () => {
    const s = await setup(writesFile('src/greet.js', 'x\n'), { decide: () => 'reject' });
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '1');
    await idle;
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    await expect(readFile(join(s.root, 'src/greet.js'), 'utf8')).rejects.toThrow();
    const [run] = await s.runner.history(SPEC_DIR, '1');
    expect(run).toMatchObject({ outcome: 'reverted', reason: 'The change was rejected in review.' });
    expect(s.logs.map((l) => l.message)).toContain('Back to [ ]: The change was rejected in review.');
  });

  it('runs the check the task names; a failing check leaves the accepted change but not a tick', async () => {
    const s = await setup(writesFile('src/whisper.js', 'export const whisper = (n) => n;\n'), { files: { 'check.js': 'console.log("1 test failed"); process.exit(3);\n' } });
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '2.2');
    await idle;
    expect(s.approval.asked).toEqual(['node check.js']);
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    const [run] = await s.runner.history(SPEC_DIR, '2.2');
    expect(run).toMatchObject({ outcome: 'reverted', reason: 'Check `node check.js` failed (exit code 3).', checks: [{ command: 'node check.js', exitCode: 3, passed: false, source: 'task 2.2' }] });
    expect(run!.checks[0]!.output).toContain('1 test failed');
    // Streamed to the page while it ran, and its tail in the run log.
    expect(s.output.join('')).toContain('1 test failed');
    expect(s.logs.map((l) => l.message)).toContain('Output of `node check.js` (last lines):\n1 test failed');
    expect(await readFile(join(s.root, 'src/whisper.js'), 'utf8')).toContain('whisper');
  });

  it('ticks the task when its check passes', async () => {
    const s = await setup(writesFile('src/whisper.js', 'export const whisper = (n) => n;\n'));
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '2.2');
    await idle;
    expect(changedLines(DEMO_TASKS, await readTasks(s.root))).toEqual(['  - [x] 2.2 Add `whisper(name)`']);
    const [run] = await s.runner.history(SPEC_DIR, '2.2');
    expect(run!.checks).toMatchObject([{ passed: true, exitCode: 0 }]);
  });

  it('ticks the parent when a sub-task started on its own was the last one open', async () => {
    const s = await setup((i) => writesFile(`f${i}.js`, 'x\n')[i % 2]!);
    for (const id of ['2.1', '2.2']) {
      const idle = s.idle();
      await s.runner.start(SPEC_DIR, id);
      await idle;
      expect(await readTasks(s.root)).toContain(id === '2.1' ? '- [ ] 2. Shout support' : '- [x] 2. Shout support');
    }
    expect(changedLines(DEMO_TASKS, await readTasks(s.root))).toEqual(['- [x] 2. Shout support', '  - [x] 2.1 Add `shout(name)`', '  - [x] 2.2 Add `whisper(name)`']);
  });

  it('does not run a check the user refused, and says so', async () => {
    const s = await setup(writesFile('src/whisper.js', 'w\n'), { approval: new ScriptedApproval({ run: false, reason: 'Rejected by the user' }) });
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '2.2');
    await idle;
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    const [run] = await s.runner.history(SPEC_DIR, '2.2');
    expect(run!.reason).toBe('The check `node check.js` was not run: Rejected by the user.');
  });

  it('Stop while the model is answering puts [-] back to [ ]', async () => {
    const s = await setup([{ steps: [{ text: 'Thinking' }, { hang: true }] }]);
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '1');
    expect(await readTasks(s.root)).toContain('- [-] 1.');
    await expect.poll(() => s.fake.requests.length).toBe(1);
    s.runner.stop();
    await idle;
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    const [run] = await s.runner.history(SPEC_DIR, '1');
    expect(run).toMatchObject({ outcome: 'reverted', reason: 'Stopped by the user.' });
  });

  it('Stop during review closes the review and resets the task', async () => {
    const s = await setup(writesFile('src/greet.js', 'x\n'), { decide: () => 'hold' });
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '1');
    await expect.poll(() => s.review.registered.length).toBe(1);
    s.runner.stop();
    await idle;
    expect(s.review.discarded).toEqual(['review-1']);
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    // The history says what became of the change, not "undecided".
    const [run] = await s.runner.history(SPEC_DIR, '1');
    expect(run).toMatchObject({ outcome: 'reverted', reason: 'Stopped by the user.', review: { status: 'discarded', files: [{ path: 'src/greet.js', hunksApplied: 0 }] } });
    expect(run!.log.map((l) => l.message)).not.toContain('The change was discarded in review.');
  });

  it('closing the folder mid-run puts the task back and says why', async () => {
    const s = await setup([{ steps: [{ hang: true }] }]);
    await s.runner.start(SPEC_DIR, '1');
    await s.runner.dispose();
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    expect((await s.runner.history(SPEC_DIR, '1'))[0]!.reason).toBe('Keel closed the folder during the run.');
  });

  it('refuses a second run while one is going, and an unknown task, with clear errors', async () => {
    const s = await setup([{ steps: [{ hang: true }] }]);
    await s.runner.start(SPEC_DIR, '1');
    await expect(s.runner.start(SPEC_DIR, '2.1')).rejects.toThrow(/already running \(1 Create the greeting module\)/);
    s.runner.stop();
    await s.idle();
    await expect(s.runner.start(SPEC_DIR, '9')).rejects.toThrow('Task 9 is not in .kiro/specs/demo/tasks.md.');
  });
});

describe('Autopilot', () => {
  it('applies without a review, runs the check, ticks the task; history lists the written files; hooks run before and after', async () => {
    const calls: string[] = [];
    const hooks: TaskHooks = { taskExecution: async (phase, task) => void calls.push(`${phase} ${task.spec} ${task.taskId} ${task.title}`) };
    const s = await setup(writesFile('src/whisper.js', 'export const whisper = (n) => n;\n'), { hooks });
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '2.2', 'autopilot');
    await idle;
    expect(s.review.registered).toEqual([]);
    expect(await readFile(join(s.root, 'src/whisper.js'), 'utf8')).toContain('whisper');
    expect(changedLines(DEMO_TASKS, await readTasks(s.root))).toEqual(['  - [x] 2.2 Add `whisper(name)`']);
    const [run] = await s.runner.history(SPEC_DIR, '2.2');
    expect(run).toMatchObject({ mode: 'autopilot', outcome: 'done', filesChanged: ['src/whisper.js'], checks: [{ passed: true }] });
    expect(calls).toEqual(['pre demo 2.2 Add `whisper(name)`', 'post demo 2.2 Add `whisper(name)`']);
  });

  it('an Autopilot run that changes nothing does not tick the task', async () => {
    const s = await setup([{ steps: [{ text: 'Nothing to do.' }] }]);
    const idle = s.idle();
    await s.runner.start(SPEC_DIR, '1', 'autopilot');
    await idle;
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    expect((await s.runner.history(SPEC_DIR, '1'))[0]!.reason).toBe('The executor made no changes.');
  });
});

describe('Run all', () => {
  it('runs the open non-optional tasks in order, sub-tasks before their parent, each reviewed', async () => {
    const files = ['src/greet.js', 'src/shout.js', 'src/whisper.js'];
    const s = await setup((i) => (i % 2 === 0 ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: files[i / 2]!, text: `// ${i}\n` } } }] } : { steps: [{ text: 'Done.' }] }));
    const idle = s.idle();
    await s.runner.runAll(SPEC_DIR);
    const end = await idle;
    expect(end.batch).toMatchObject({ state: 'finished', total: 3, done: 3 });
    expect(s.review.registered.map((r) => r.taskId)).toEqual(['1', '2.1', '2.2']);
    expect(await readTasks(s.root)).toBe(DEMO_TASKS.replace(/\[ \] (1|2|2\.1|2\.2)\./g, '[x] $1.').replace('[ ] 2.1', '[x] 2.1').replace('[ ] 2.2', '[x] 2.2'));
    expect(await readTasks(s.root)).toContain('- [ ]* 3. Optional polish');
    // Progress went up one leaf at a time.
    expect([...new Set(s.statuses.flatMap((st) => (st.batch ? [st.batch.done] : [])))]).toEqual([0, 1, 2, 3]);
  });

  it('follows the task dependency graph at the end of tasks.md: wave by wave, groups ticked when their last sub-task is done', async () => {
    const graph = '\n## Task Dependency Graph\n\n```json\n{"waves": [{"wave": 1, "tasks": ["2.2"], "rationale": "independent"}, {"wave": 2, "tasks": ["1", "2.1"], "rationale": "after 2.2"}]}\n```\n';
    const files = ['src/whisper.js', 'src/greet.js', 'src/shout.js'];
    const s = await setup((i) => (i % 2 === 0 ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: files[i / 2]!, text: `// ${i}\n` } } }] } : { steps: [{ text: 'Done.' }] }), {
      files: { [`${SPEC_DIR}/tasks.md`]: DEMO_TASKS + graph },
    });
    const idle = s.idle();
    await s.runner.runAll(SPEC_DIR);
    const end = await idle;
    expect(end.batch).toMatchObject({ state: 'finished', total: 3, done: 3 });
    expect(s.review.registered.map((r) => r.taskId)).toEqual(['2.2', '1', '2.1']);
    const text = await readTasks(s.root);
    expect(text.match(/- \[x\] (?:\d+\.?)+/g)).toEqual(['- [x] 1.', '- [x] 2.', '- [x] 2.1', '- [x] 2.2']);
    expect(text.endsWith(graph)).toBe(true);
    // Kiro sees the batch as one execution across the three tasks.
    const meta = parseTasksMeta(await readFile(join(s.root, SPEC_DIR, 'tasks.meta.json'), 'utf8'));
    expect([...meta.executionHistory.keys()]).toEqual(['2.2 Add `whisper(name)`', '1. Create the greeting module', '2.1 Add `shout(name)`']);
    expect(new Set([...meta.executionHistory.values()].flat().map((r) => r.executionId)).size).toBe(1);
  });

  it('shares the cached prefix across the tasks of a spec: system and spec blocks are byte-identical', async () => {
    const s = await setup((i) => (i % 2 === 0 ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: `f${i}.js`, text: 'x\n' } } }] } : { steps: [{ text: 'ok' }] }));
    const idle = s.idle();
    await s.runner.runAll(SPEC_DIR);
    await idle;
    const firsts = [0, 2, 4].map((i) => s.fake.requests[i]!.body);
    expect(JSON.stringify(firsts[1]!.system)).toBe(JSON.stringify(firsts[0]!.system));
    expect(JSON.stringify(firsts[2]!.system)).toBe(JSON.stringify(firsts[0]!.system));
    const firstUser = (b: Record<string, unknown>) => JSON.stringify((b.messages as unknown[]).at(-1));
    expect(firstUser(firsts[1]!)).toContain('Implement task 2.1');
    expect(firstUser(firsts[1]!)).toContain('1.2 (Greet): WHEN shout is called');
    // The spec documents and steering are in the prefix, tasks.md (whose boxes change) is not.
    expect(JSON.stringify(firsts[0]!.system)).toContain('Plain Node.js.');
    expect(JSON.stringify(firsts[0]!)).toContain('THE module SHALL return');
    expect(JSON.stringify(firsts[0]!.system)).not.toContain('Implementation Plan');
  });

  it('stops at the first task that does not finish and reports why', async () => {
    const s = await setup((i) => (i % 2 === 0 ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: `f${i}.js`, text: 'x\n' } } }] } : { steps: [{ text: 'ok' }] }), {
      decide: (i) => (i === 1 ? 'reject' : 'accept'),
    });
    const idle = s.idle();
    await s.runner.runAll(SPEC_DIR);
    const end = await idle;
    expect(end.batch).toMatchObject({ state: 'failed', done: 1, reason: expect.stringContaining('2.1 Add `shout(name)`') });
    const text = await readTasks(s.root);
    expect(text).toContain('- [x] 1.');
    expect(text).toContain('- [ ] 2. Shout support');
    expect(text).toContain('  - [ ] 2.1');
    expect(s.review.registered).toHaveLength(2);
  });

  it('pauses between tasks and resumes; Stop ends the batch as stopped', async () => {
    const s = await setup((i) => (i % 2 === 0 ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: `f${i}.js`, text: 'x\n' } } }] } : { steps: [{ text: 'ok' }] }), { decide: () => 'hold' });
    await s.runner.runAll(SPEC_DIR);
    await expect.poll(() => s.review.registered.length).toBe(1);
    s.runner.pause();
    expect(s.runner.status().batch?.state).toBe('pausing');
    await s.review.settle('review-1', 'accept');
    await expect.poll(() => s.runner.status().batch?.state).toBe('paused');
    expect(s.review.registered).toHaveLength(1);
    expect(await readTasks(s.root)).toContain('- [x] 1.');
    const idle = s.idle();
    s.runner.resume();
    await expect.poll(() => s.review.registered.length).toBe(2);
    s.runner.stop();
    const end = await idle;
    expect(end.batch).toMatchObject({ state: 'stopped', done: 1 });
    expect(await readTasks(s.root)).toBe(DEMO_TASKS.replace('- [ ] 1.', '- [x] 1.'));
  });
});

