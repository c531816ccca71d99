/**
 * After a crash or a kill, runs in the journal have a start and no end. Their `[-]` in tasks.md claims work that
 * is not happening, so it goes back to `[ ]` (only where the box still shows `[-]`: a user's later change wins, and
 * a `[x]` is only ever written after the change was accepted and its check passed). Each such run is closed as
 * `interrupted` with the reason in its log; an unfinished Run all is marked interrupted and offered for resuming.
 */
import { findUnfinished, foldRuns, type RunSummary } from './run-history';
import type { RunJournal } from './run-journal';
import type { TaskStateFile } from './task-state-file';

export interface RecoveredRun {
  runId: string;
  specDir: string;
  taskId: string;
  title: string;
  /** True when tasks.md showed `[-]` and was put back to `[ ]`. */
  reset: boolean;
}

export const INTERRUPTED_REASON = 'Keel stopped during this run (crash or quit); the task was put back to [ ].';

export async function recoverDeadRuns(journal: RunJournal, states: TaskStateFile, now: () => string): Promise<RecoveredRun[]> {
  const { records } = await journal.read();
  const { runs, batches } = foldRuns(records);
  const recovered: RecoveredRun[] = [];
  // Sub-tasks before their group: the deepest runs started last.
  for (const run of findUnfinished(runs).reverse()) {
    const reset = await resetBox(run, states);
    const reason = reset.error ? `${INTERRUPTED_REASON} (${reset.error})` : INTERRUPTED_REASON;
    await journal.append({ t: 'log', runId: run.runId, at: now(), message: reason });
    await journal.append({ t: 'end', runId: run.runId, at: now(), outcome: 'interrupted', reason });
    recovered.push({ runId: run.runId, specDir: run.specDir, taskId: run.taskId, title: run.title, reset: reset.changed });
  }
  for (const batch of batches) {
    if (batch.status === undefined) await journal.append({ t: 'batchEnd', batchId: batch.batchId, at: now(), status: 'interrupted' });
  }
  return recovered;
}

async function resetBox(run: RunSummary, states: TaskStateFile): Promise<{ changed: boolean; error?: string }> {
  try {
    const change = await states.set(run.specDir, run.taskId, 'open', 'inProgress');
    return { changed: change.changed };
  } catch (err) {
    return { changed: false, error: err instanceof Error ? err.message : String(err) };
  }
}
