/**
 * A run killed while its change waited for review: recovery puts the task back to `[ ]`, and the change review
 * offers the saved change again. What the user then decides must still reach tasks.md (issue #7: tasks.md always
 * matches what happened):
 *  - applied (at least one hunk): the check the run would have run runs now, as a new run of the task (`[-]` while
 *    it runs — journaled first, so a crash during the check is recovered like any run), `[x]` only if it passes,
 *    `[ ]` with the reason otherwise;
 *  - rejected, discarded, or applied with no hunk: the task stays `[ ]`; the interrupted run's log says so.
 * The new run is started by the runner (one run per task at a time), so it shows in the status and log like any.
 */
import type { RecoveredRun } from './recovery';
import type { ReviewOutcome, ReviewPort } from './ports';
import type { RunJournal } from './run-journal';
import { locateTask } from './task-plan';
import type { TaskStateFile } from './task-state-file';

export interface RecoveredReviewDeps {
  journal: RunJournal;
  states: TaskStateFile;
  now(): string;
  /** True while a run of this task is going (the user started it again): its own run decides the box. */
  isRunning(specDir: string, taskId: string): boolean;
  /** Starts the run that checks the applied change and ticks the task. */
  checkApplied(run: RecoveredRun, outcome: ReviewOutcome): void;
  onLog(entry: { runId: string; specDir: string; taskId: string; message: string }): void;
}

/** Waits for the recovered run's review and finishes the task accordingly; never throws. */
export async function followRecoveredReview(review: ReviewPort, run: RecoveredRun, deps: RecoveredReviewDeps): Promise<void> {
  const pending = run.pendingReview;
  if (!pending) return;
  let outcome: ReviewOutcome;
  try {
    outcome = await review.whenSettled(pending.reviewId);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return note(deps, run, `The change this run left for review is no longer available (${why}); the task stays [ ].`);
  }
  await settle(run, outcome, deps).catch((err: unknown) =>
    console.error('Keel: could not finish a task whose change was decided after a restart:', err),
  );
}

async function settle(run: RecoveredRun, outcome: ReviewOutcome, deps: RecoveredReviewDeps): Promise<void> {
  const applied = outcome.files.reduce((n, f) => n + f.hunksApplied, 0);
  if (outcome.status === 'rejected' || outcome.status === 'discarded' || applied === 0) {
    await deps.journal.append({ t: 'review', runId: run.runId, status: outcome.status, files: outcome.files });
    const what = applied === 0 && outcome.status !== 'rejected' && outcome.status !== 'discarded' ? 'applied with no hunk' : outcome.status;
    return note(deps, run, `The change this run left for review was ${what} after the restart; the task stays [ ].`);
  }
  const task = locateTask(await deps.states.read(run.specDir), run.taskId);
  const blocker = !task
    ? 'is no longer in tasks.md'
    : deps.isRunning(run.specDir, run.taskId)
      ? 'is being run again'
      : task.state !== 'open'
        ? `shows [${task.state === 'done' ? 'x' : task.state === 'inProgress' ? '-' : task.state}] now`
        : undefined;
  if (blocker) {
    // Its outcome still belongs in the history: the files were changed by this run's change.
    await deps.journal.append({ t: 'review', runId: run.runId, status: outcome.status, files: outcome.files });
    return note(deps, run, `The change this run left for review was applied after the restart, but the task ${blocker}, so its check was not run.`);
  }
  await note(deps, run, 'The change this run left for review was applied after the restart; the next run of this task runs its check.');
  deps.checkApplied(run, outcome);
}

async function note(deps: RecoveredReviewDeps, run: RecoveredRun, message: string): Promise<void> {
  await deps.journal.append({ t: 'log', runId: run.runId, at: deps.now(), message }).catch(() => undefined);
  deps.onLog({ runId: run.runId, specDir: run.specDir, taskId: run.taskId, message });
}
