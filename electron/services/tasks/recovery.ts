/**
 * After a crash or a kill, runs in the journal have a start and no end. Their `[-]` in tasks.md claims work that
 * is not happening, so it goes back to `[ ]` (only where the box still shows `[-]`: a user's later change wins, and
 * a `[x]` is only ever written after the change was accepted and its check passed). Each such run is closed as
 * `interrupted` with the reason in its log; an unfinished Run all is marked interrupted and offered for resuming.
 * A run that died while its change waited for review names that review: the change review offers it again after
 * the restart, and the runner finishes the task when it is applied (recovered-review.ts).
 */
import type { FileSummary, RunMode } from './journal-records';
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
  mode: RunMode;
  /** The change the run left waiting for review (still pending in the change review, unless lost meanwhile). */
  pendingReview?: PendingReview;
}

export interface PendingReview {
  reviewId: string;
  summary: string;
  files: FileSummary[];
  sessionId?: string;
}

export const PENDING_REVIEW_NOTE = 'Its change is still waiting for review: applying it runs the task\'s check and ticks the task if the check passes.';

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
    const pendingReview = pendingReviewOf(run);
    if (pendingReview) await journal.append({ t: 'log', runId: run.runId, at: now(), message: PENDING_REVIEW_NOTE });
    await journal.append({ t: 'end', runId: run.runId, at: now(), outcome: 'interrupted', reason });
    recovered.push({
      runId: run.runId,
      specDir: run.specDir,
      taskId: run.taskId,
      title: run.title,
      reset: reset.changed,
      mode: run.mode,
      ...(pendingReview ? { pendingReview } : {}),
    });
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

/** The run registered a review and died before its outcome was journaled. */
function pendingReviewOf(run: RunSummary): PendingReview | undefined {
  const changeset = run.changesets.at(-1);
  if (run.review || changeset?.reviewId === undefined) return undefined;
  const sessionId = run.sessions.at(-1);
  return { reviewId: changeset.reviewId, summary: changeset.summary, files: changeset.files, ...(sessionId !== undefined ? { sessionId } : {}) };
}
