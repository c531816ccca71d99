import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactRecords } from './journal-compaction';
import type { JournalRecord } from './journal-records';
import { foldRuns } from './run-history';
import { RunJournal } from './run-journal';
import { TaskRunner } from './task-runner';
import { demoWorkspace } from './test-support';

const SPEC = '.kiro/specs/demo';
let clock = 0;
const at = () => new Date(Date.UTC(2026, 0, 1) + clock++ * 1000).toISOString();

/** One finished Supervised run of `taskId` with its log, usage, check and (when `files`) an applied review. */
function run(runId: string, taskId: string, outcome: 'done' | 'reverted', files: string[] = []): JournalRecord[] {
  return [
    { t: 'start', runId, at: at(), specDir: SPEC, taskId, title: `${taskId} Task`, mode: 'supervised', kind: 'task' },
    { t: 'marked', runId, from: 'open', to: 'inProgress' },
    { t: 'session', runId, sessionId: `s-${runId}` },
    { t: 'usage', runId, usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: 0.01 },
    { t: 'log', runId, at: at(), message: 'x'.repeat(200) },
    ...(files.length > 0
      ? ([
          { t: 'changeset', runId, reviewId: `cs-${runId}`, summary: 'did it', files: files.map((path) => ({ path, kind: 'modify', added: 1, removed: 1 })) },
          { t: 'review', runId, status: 'applied', files: files.map((path) => ({ path, hunksApplied: 1, hunksTotal: 1 })) },
        ] satisfies JournalRecord[])
      : []),
    { t: 'check', runId, command: 'npm test', source: 'task', exitCode: 0, passed: true, output: 'ok '.repeat(300) },
    { t: 'end', runId, at: at(), outcome, ...(outcome === 'done' ? {} : { reason: 'check failed' }) },
  ];
}

describe('journal compaction', () => {
  it('keeps the last runs of each task whole, and of older runs only the done ones that link the task to its files', () => {
    const records = [
      ...run('a1', '1', 'done', ['src/a.js']), // task 1 first wrote a.js …
      ...run('a2', '1', 'reverted'), // … a failed retry …
      ...run('a3', '1', 'done', ['src/b.js']), // … then b.js, its last done run
      ...run('b1', '2', 'done', ['src/a.js']), // task 2 wrote a.js later
      ...Array.from({ length: 3 }, (_, i) => run(`a${4 + i}`, '1', 'reverted')).flat(),
    ];
    const kept = compactRecords(records, { fullRunsPerTask: 3, batches: 5 });
    const { runs } = foldRuns(kept);
    // The three newest runs of task 1 are whole (log, usage, checks); a1 and a3 stay as links; a2 (failed) goes.
    expect(runs.map((r) => r.runId)).toEqual(['a1', 'a3', 'b1', 'a4', 'a5', 'a6']);
    const a5 = runs.find((r) => r.runId === 'a5')!;
    expect([a5.log.length, a5.checks.length, a5.usage.inputTokens, a5.sessions.length]).toEqual([1, 1, 100, 1]);
    const a1 = runs.find((r) => r.runId === 'a1')!;
    expect([a1.log.length, a1.checks.length, a1.usage.inputTokens, a1.outcome, a1.filesChanged]).toEqual([0, 0, 0, 'done', ['src/a.js']]);

    // What traceability and drift read is unchanged: files per task, the last done run per task, the last write per file.
    const before = foldRuns(records).runs;
    const filesOf = (rs: typeof runs, task: string) => [...new Set(rs.filter((r) => r.taskId === task && r.outcome === 'done').flatMap((r) => r.filesChanged))].sort();
    const lastDone = (rs: typeof runs, task: string) => rs.filter((r) => r.taskId === task && r.outcome === 'done').at(-1)?.runId;
    for (const task of ['1', '2']) {
      expect(filesOf(runs, task)).toEqual(filesOf(before, task));
      expect(lastDone(runs, task)).toEqual(lastDone(before, task));
    }
  });

  it('keeps runs that have not ended and the newest batches', () => {
    const open: JournalRecord[] = [{ t: 'start', runId: 'live', at: at(), specDir: SPEC, taskId: '9', title: '9', mode: 'supervised', kind: 'task' }];
    const batches: JournalRecord[] = Array.from({ length: 4 }, (_, i) => [
      { t: 'batchStart', batchId: `b${i}`, at: at(), specDir: SPEC, mode: 'supervised' } as const,
      { t: 'batchEnd', batchId: `b${i}`, at: at(), status: 'finished' } as const,
    ]).flat();
    const unfinished: JournalRecord = { t: 'batchStart', batchId: 'b-open', at: at(), specDir: SPEC, mode: 'supervised' };
    const kept = compactRecords([unfinished, ...batches, ...open, ...Array.from({ length: 5 }, (_, i) => run(`r${i}`, '9', 'reverted')).flat()], { fullRunsPerTask: 1, batches: 2 });
    const folded = foldRuns(kept);
    expect(folded.batches.map((b) => b.batchId)).toEqual(['b-open', 'b2', 'b3']);
    expect(folded.runs.map((r) => r.runId)).toEqual(['live', 'r4']);
  });
});

describe('RunJournal.compactIfLarger', () => {
  it('leaves a small journal alone, rewrites a large one below the limit, and keeps appending after it', async () => {
    const journal = RunJournal.forWorkspace(await mkdtemp(join(tmpdir(), 'keel-journal-')), '/repo');
    for (const record of run('first', '1', 'done', ['src/a.js'])) await journal.append(record);
    expect(await journal.compactIfLarger(1_000_000, (r) => compactRecords(r))).toBeUndefined();

    for (let i = 0; i < 40; i++) for (const record of run(`r${i}`, '1', 'reverted')) await journal.append(record);
    const limit = 64 * 1024;
    expect((await stat(journal.file)).size).toBeGreaterThan(limit);
    const result = await journal.compactIfLarger(limit, (r) => compactRecords(r));
    expect(result!.after).toBeLessThan(limit);
    expect((await stat(journal.file)).size).toBe(result!.after);

    await journal.append({ t: 'log', runId: 'r39', at: at(), message: 'after compaction' });
    const { records, skipped } = await journal.read();
    expect(skipped).toBe(0);
    const runs = foldRuns(records).runs;
    expect(runs.map((r) => r.runId)).toEqual(['first', ...Array.from({ length: 10 }, (_, i) => `r${30 + i}`)]);
    expect(runs.at(-1)!.log.at(-1)!.message).toBe('after compaction');
  });
});

describe('TaskRunner', () => {
  it('compacts an oversized journal when the folder opens; the history still lists the task’s runs', async () => {
    const { ws, userData } = await demoWorkspace();
    const journal = RunJournal.forWorkspace(userData, ws.root);
    for (let i = 0; i < 30; i++) for (const record of run(`r${i}`, '1', i === 0 ? 'done' : 'reverted', i === 0 ? ['src/greet.js'] : [])) await journal.append(record);
    const before = (await stat(journal.file)).size;
    const runner = new TaskRunner({ ws, userDataDir: userData, ports: () => ({ checks: { run: async () => ({ exitCode: 0, output: '' }) } }), onStatus: () => undefined, onLog: () => undefined, journalLimitBytes: 32 * 1024 });
    await runner.ready;
    expect((await stat(journal.file)).size).toBeLessThan(before / 2);
    expect((await runner.history(SPEC, '1')).map((r) => r.runId)).toEqual(['r29', 'r28', 'r27', 'r26', 'r25', 'r24', 'r23', 'r22', 'r21', 'r20', 'r0']);
    expect(await runner.filesChanged(SPEC, '1')).toEqual(['src/greet.js']);
    await runner.dispose();
  });
});
