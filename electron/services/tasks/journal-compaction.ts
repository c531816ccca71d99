/**
 * Keeps the run journal bounded. Every run appends a few dozen records (its log, tool calls, usage, the check's
 * output tail), so a folder used for months would grow without limit and every history request folds all of it.
 * Compaction keeps what the user and drift detection read, and lets the rest go:
 *  - the last `fullRunsPerTask` runs of each task, whole (the Tasks panel's history and run log);
 *  - of older runs, only those that are the newest *done* run of their task, or the newest done run of their task
 *    that changed one of its files — reduced to their links (start, changeset, review, end): traceability
 *    (task → files) and drift (the last done run per task, the last task write per file) read the same answers;
 *  - the last `batches` Run all batches (and any not ended);
 *  - every record of a run that has not ended (recovery runs first, so there are none in practice).
 * Pure: the journal file decides when to run it and writes the result atomically.
 */
import type { JournalRecord } from './journal-records';
import { foldRuns, type RunSummary } from './run-history';

export interface CompactionPolicy {
  fullRunsPerTask: number;
  batches: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { fullRunsPerTask: 10, batches: 20 };

/** Records that tie an old run to its task and the files it changed. */
const LINK_RECORDS = new Set<JournalRecord['t']>(['start', 'changeset', 'review', 'end']);

export function compactRecords(records: readonly JournalRecord[], policy: CompactionPolicy = DEFAULT_COMPACTION): JournalRecord[] {
  const { runs, batches } = foldRuns(records);
  const keep = new Map<string, 'full' | 'links'>();

  const byTask = new Map<string, RunSummary[]>();
  for (const run of runs) {
    const key = `${run.specDir}#${run.taskId}`;
    byTask.set(key, [...(byTask.get(key) ?? []), run]);
  }
  for (const taskRuns of byTask.values()) {
    // Newest first (runs fold in start order).
    const newestFirst = [...taskRuns].reverse();
    newestFirst.slice(0, policy.fullRunsPerTask).forEach((r) => keep.set(r.runId, 'full'));
    const filesLinked = new Set<string>();
    let lastDoneKept = false;
    for (const run of newestFirst) {
      if (run.outcome === undefined) keep.set(run.runId, 'full');
      if (run.outcome !== 'done') continue;
      const newFiles = run.filesChanged.filter((f) => !filesLinked.has(f));
      newFiles.forEach((f) => filesLinked.add(f));
      if ((!lastDoneKept || newFiles.length > 0) && !keep.has(run.runId)) keep.set(run.runId, 'links');
      lastDoneKept = true;
    }
  }

  const keptBatches = new Set(
    batches
      .filter((b, i) => b.status === undefined || i >= batches.length - policy.batches)
      .map((b) => b.batchId),
  );

  return records.filter((r) => {
    if (r.t === 'batchStart' || r.t === 'batchEnd') return keptBatches.has(r.batchId);
    const kept = keep.get(r.runId);
    return kept === 'full' || (kept === 'links' && LINK_RECORDS.has(r.t));
  });
}
