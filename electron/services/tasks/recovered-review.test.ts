import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeReviewService } from '../changes/change-review';
import { ReviewStore } from '../changes/review-store';
import { WorkspaceFs } from '../workspace/workspace-fs';
import { ProcessCheckRunner } from './check-runner';
import { reviewPort } from './host-adapters';
import type { Executor } from './ports';
import { PENDING_REVIEW_NOTE } from './recovery';
import { RunJournal } from './run-journal';
import { TaskRunner, type LogEntry } from './task-runner';
import { DEMO_TASKS, demoWorkspace, readTasks, ScriptedApproval, SPEC_DIR } from './test-support';

// A host killed while task 2.2's change waited for review: the journal has the run's start, its `[-]` and the
// changeset, the change review has the saved change, tasks.md shows `[-]`. After the restart the user decides the
// recovered review, and tasks.md must follow: the task's check runs on apply, `[x]` only if it passes.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const WHISPER = 'export const whisper = (n) => n.toLowerCase();\n';
const IN_PROGRESS = DEMO_TASKS.replace('  - [ ] 2.2', '  - [-] 2.2');
const DONE = DEMO_TASKS.replace('  - [ ] 2.2', '  - [x] 2.2');
// Passes only once the change is on disk (dynamic import: the check runs as CommonJS or ESM alike).
const PASSES_WITH_WHISPER = "import('node:fs').then((fs) => { fs.readFileSync('src/whisper.js'); console.log('whisper ok'); }).catch(() => process.exit(1));\n";
const noExecutor: Executor = { run: () => Promise.reject(new Error('no executor run is expected after the restart')) };

async function killedDuringReview(check: string) {
  const { root, userData, ws } = await demoWorkspace({ 'check.js': check });
  const store = () => ReviewStore.forWorkspace(userData, ws.root);
  // The killed process: its review is saved (get() is queued behind the save), its journal says it was reviewing.
  const before = new ChangeReviewService({ resolve: (rel) => ws.resolve(rel), store: store() });
  const { id } = before.register({
    changeset: { list: () => [{ path: 'src/whisper.js', original: null, proposed: WHISPER }] },
    source: { kind: 'task', sessionId: 'session-1', specDir: SPEC_DIR, taskId: '2.2' },
    summary: 'Added whisper.',
  });
  await before.get(id);
  const journal = RunJournal.forWorkspace(userData, ws.root);
  const at = '2026-01-01T00:00:00.000Z';
  await journal.append({ t: 'start', runId: 'killed', at, specDir: SPEC_DIR, taskId: '2.2', title: '2.2 Add `whisper(name)`', mode: 'supervised', kind: 'task' });
  await journal.append({ t: 'marked', runId: 'killed', from: 'open', to: 'inProgress' });
  await journal.append({ t: 'session', runId: 'killed', sessionId: 'session-1' });
  await journal.append({ t: 'changeset', runId: 'killed', reviewId: id, summary: 'Added whisper.', files: [{ path: 'src/whisper.js', kind: 'add', added: 1, removed: 0 }] });
  await writeFile(join(root, SPEC_DIR, 'tasks.md'), IN_PROGRESS);

  // The restart: the change review loads the saved review (recovered), the runner recovers the dead run.
  const reviews = new ChangeReviewService({ resolve: async (rel) => (await WorkspaceFs.open(root)).resolve(rel), store: store() });
  const approval = new ScriptedApproval();
  const logs: LogEntry[] = [];
  const ended: string[] = [];
  const runner = new TaskRunner({
    ws: await WorkspaceFs.open(root),
    userDataDir: userData,
    ports: () => ({ executor: noExecutor, review: reviewPort(() => reviews), approval, checks: new ProcessCheckRunner(root) }),
    onStatus: () => undefined,
    onLog: (e) => logs.push(e),
    onEnded: (run) => ended.push(`${run.taskId} ${run.outcome}${run.reason ? `: ${run.reason}` : ''}`),
  });
  cleanups.push(() => runner.dispose());
  await runner.ready;
  return { root, id, reviews, runner, approval, logs, ended };
}

describe('a change left for review by a killed run, decided after the restart', () => {
  it('applied: the task check runs ([-] meanwhile) and passes, so the task is ticked [x] and the history says so', async () => {
    const s = await killedDuringReview(PASSES_WITH_WHISPER);
    // Recovery first: the claim of the dead process is gone and the change is offered.
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    expect(s.runner.status().recovered).toEqual([{ runId: expect.any(String), specDir: SPEC_DIR, taskId: '2.2', title: expect.any(String), reset: true, pendingReviewId: s.id }]);
    expect((await s.reviews.list()).map((r) => [r.id, r.recovered])).toEqual([[s.id, true]]);

    const applied = await s.reviews.apply(s.id, { acceptAll: true });
    expect(applied.applied).toBe(true);
    await expect.poll(() => s.ended).toEqual(['2.2 done']);

    // tasks.md differs from the original by exactly the one box; the file is the applied change.
    expect(await readTasks(s.root)).toBe(DONE);
    expect(await readFile(join(s.root, 'src/whisper.js'), 'utf8')).toBe(WHISPER);
    expect(s.approval.asked).toEqual(['node check.js']);
    const [followUp, killed] = await s.runner.history(SPEC_DIR, '2.2');
    expect(followUp).toMatchObject({ outcome: 'done', filesChanged: ['src/whisper.js'], review: { status: 'applied' } });
    expect(followUp!.marks).toEqual([
      { from: 'open', to: 'inProgress' },
      { from: 'inProgress', to: 'done' },
    ]);
    expect(followUp!.checks).toMatchObject([{ command: 'node check.js', passed: true, exitCode: 0 }]);
    expect(followUp!.log.map((l) => l.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Applied after restart/), 'Check `node check.js` passed.']),
    );
    expect(killed).toMatchObject({ outcome: 'interrupted' });
    expect(killed!.log.map((l) => l.message)).toContain(PENDING_REVIEW_NOTE);
    // The banner "put back after a crash" no longer applies: the task is done.
    expect(s.runner.status()).toMatchObject({ busy: false, recovered: [] });
  }, 30_000);

  it('applied but the check fails: the change stays applied, the task stays [ ] and its log says why', async () => {
    const s = await killedDuringReview("console.log('whisper is too loud'); process.exit(3);\n");
    await s.reviews.apply(s.id, { acceptAll: true });
    await expect.poll(() => s.ended).toHaveLength(1);

    expect(s.ended[0]).toMatch(/^2\.2 reverted: Check `node check\.js` failed \(exit code 3\)/);
    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    expect(await readFile(join(s.root, 'src/whisper.js'), 'utf8')).toBe(WHISPER);
    const [followUp] = await s.runner.history(SPEC_DIR, '2.2');
    expect(followUp).toMatchObject({ outcome: 'reverted', checks: [{ passed: false, exitCode: 3 }] });
    expect(followUp!.log.map((l) => l.message).join('\n')).toContain('whisper is too loud');
    expect(s.logs.map((l) => l.message)).toContain(`Back to [ ]: ${followUp!.reason}`);
  }, 30_000);

  it('rejected: nothing runs, the task stays [ ], and the interrupted run records the rejection', async () => {
    const s = await killedDuringReview('process.exit(0);\n');
    await s.reviews.reject(s.id);
    const killedRun = async () => (await s.runner.history(SPEC_DIR, '2.2'))[0];
    await expect.poll(async () => (await killedRun())?.review?.status).toBe('rejected');

    expect(await readTasks(s.root)).toBe(DEMO_TASKS);
    expect(s.approval.asked).toEqual([]);
    expect(s.ended).toEqual([]);
    // The banner stops offering a review that is decided (the task is still one put back after the crash).
    await expect.poll(() => s.runner.status().recovered).toMatchObject([{ taskId: '2.2', reset: true }]);
    await expect.poll(() => s.runner.status().recovered[0]?.pendingReviewId).toBeUndefined();
    expect((await s.runner.history(SPEC_DIR, '2.2')).map((r) => r.outcome)).toEqual(['interrupted']);
    await expect.poll(async () => (await killedRun())!.log.at(-1)?.message).toBe('The change this run left for review was rejected after the restart; the task stays [ ].');
  }, 30_000);
});
