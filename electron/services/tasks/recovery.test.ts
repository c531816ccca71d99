import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeBedrock } from '../../../e2e/fixtures/fake-bedrock';
import { ProcessCheckRunner } from './check-runner';
import { INTERRUPTED_REASON } from './recovery';
import { TaskRunner } from './task-runner';
import { DEMO_TASKS, demoWorkspace, LibraryExecutor, readTasks, ScriptedApproval, ScriptedReview, SPEC_DIR, startFakeBedrock, writesFile } from './test-support';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Runs a task in another process and kills it (SIGKILL: no cleanup code runs) once tasks.md shows `[-]`. */
async function killMidRun(root: string, userData: string, fake: FakeBedrock, taskId: string): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, root, userData, fake.url, taskId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.setEncoding('utf8').on('data', (t: string) => t.includes('MARKED') && resolve());
    proc.once('exit', (code) => reject(new Error(`the run process exited (${code}) before marking the task:\n${err}`)));
  });
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

async function restart(root: string, userData: string, fake: FakeBedrock): Promise<TaskRunner> {
  const { WorkspaceFs } = await import('../workspace/workspace-fs');
  const runner = new TaskRunner({
    ws: await WorkspaceFs.open(root),
    userDataDir: userData,
    ports: () => ({ executor: new LibraryExecutor(root, fake), review: new ScriptedReview(root), approval: new ScriptedApproval(), checks: new ProcessCheckRunner(root) }),
    onStatus: () => undefined,
    onLog: () => undefined,
  });
  cleanups.push(() => runner.dispose());
  await runner.ready;
  return runner;
}

describe('crash recovery', () => {
  it('a run killed mid-way is not shown done (or in progress) after a restart, and its log says why', async () => {
    const { root, userData } = await demoWorkspace();
    const fake = await startFakeBedrock({ script: () => ({ steps: [{ text: 'Working on it' }, { hang: true }] }) });
    cleanups.push(() => fake.close());
    await killMidRun(root, userData, fake, '2');
    // The dead process left its claim behind: the parent group and the sub-task both show [-].
    expect(await readTasks(root)).toContain('  - [-] 2.1');
    expect(await readTasks(root)).toContain('- [-] 2. Shout support');

    const runner = await restart(root, userData, fake);
    expect(await readTasks(root)).toBe(DEMO_TASKS);
    expect(runner.status().recovered.map((r) => [r.taskId, r.reset])).toEqual([
      ['2.1', true],
      ['2', true],
    ]);
    const [run] = await runner.history(SPEC_DIR, '2.1');
    expect(run).toMatchObject({ outcome: 'interrupted', reason: INTERRUPTED_REASON });

    // Running the task again takes it off the "put back after a crash" list (the parent is still on it).
    await runner.start(SPEC_DIR, '2.1');
    expect(runner.status().recovered.map((r) => r.taskId)).toEqual(['2']);
    runner.stop();
  }, 30_000);

  it('a killed Run all is offered for resuming, and resuming continues from the states in tasks.md', async () => {
    const { root, userData } = await demoWorkspace();
    const fake = await startFakeBedrock({ script: () => ({ steps: [{ hang: true }] }) });
    cleanups.push(() => fake.close());
    await killMidRun(root, userData, fake, 'all');
    // Task 1 is done by hand meanwhile (or by an earlier run): the resumed batch must start at 2.1.
    const runner = await restart(root, userData, fake);
    expect(runner.status().interrupted).toMatchObject({ specDir: SPEC_DIR, mode: 'supervised' });
    expect(await readTasks(root)).toBe(DEMO_TASKS);

    const fresh = await startFakeBedrock({ script: (_r, i) => writesFile(`f${i}.js`, 'x\n')[i % 2]! });
    cleanups.push(() => fresh.close());
    const resumed = await restart(root, userData, fresh);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${root}/${SPEC_DIR}/tasks.md`, DEMO_TASKS.replace('- [ ] 1.', '- [x] 1.'));
    await resumed.runAll(SPEC_DIR);
    await expect.poll(async () => resumed.status().batch?.state, { timeout: 20_000 }).toBe('finished');
    expect(resumed.status().interrupted).toBeUndefined();
    // Resumed means closed: the next start offers nothing.
    expect((await restart(root, userData, fresh)).status().interrupted).toBeUndefined();
    expect((await resumed.history(SPEC_DIR)).filter((r) => r.outcome === 'done').map((r) => r.taskId).sort()).toEqual(['2', '2.1', '2.2']);
  }, 40_000);
});
