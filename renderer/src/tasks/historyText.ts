import type { TaskRunSummary } from '../../../protocol';

/**
 * The run history's "Change" cell: what became of the run's change — the review's verdict with the hunks that
 * reached the disk ("partial · 1/2 hunks"), or "applied (Autopilot)" for a run that wrote behind a checkpoint.
 */
export function changeText(run: Pick<TaskRunSummary, 'mode' | 'review' | 'changesets'>): string {
  if (run.review) {
    const applied = run.review.files.reduce((n, f) => n + f.hunksApplied, 0);
    const total = run.review.files.reduce((n, f) => n + f.hunksTotal, 0);
    return `${run.review.status} · ${applied}/${total} hunk${total === 1 ? '' : 's'}`;
  }
  if (run.mode === 'autopilot' && run.changesets.length > 0) return 'applied (Autopilot)';
  if (run.changesets.length > 0) return 'not decided';
  return '—';
}

/** The review to open from the history (the last one the run registered), when there is one. */
export function reviewOf(run: Pick<TaskRunSummary, 'changesets'>): string | undefined {
  return run.changesets.findLast((c) => c.reviewId !== undefined)?.reviewId;
}
