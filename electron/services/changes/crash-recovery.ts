import { removeOrphanedTempFiles } from '../workspace/orphan-temp-files';
import { recoverApplies } from './apply-journal';
import type { ReviewState } from './review-state';

/**
 * When the folder opens (the change review loads): applies and reverts a killed Keel left half-done are finished
 * (their review was already saved as decided) or rolled back (the review is pending again and can be applied
 * again), then temp files of killed saves are removed. Each recovery is reported in `problems` so the user is told.
 */
export async function recoverInterruptedApplies(
  journalDir: string,
  states: readonly ReviewState[],
  root: string | undefined,
): Promise<{ problems: string[]; changed: boolean }> {
  const byId = new Map(states.map((s) => [s.id, s]));
  const { recovered, problems } = await recoverApplies(journalDir, async (tag) => {
    const [kind, id] = tag.split(':') as [string, string];
    const state = byId.get(id);
    if (kind === 'apply') return state !== undefined && state.status !== 'pending';
    if (kind === 'revert') return state?.applied?.reverted === true;
    return false;
  });
  for (const r of recovered) {
    const [kind, id] = r.tag.split(':');
    const what = kind === 'revert' ? `Reverting change ${id}` : `Applying change ${id}`;
    const left = r.untouched.length ? ` ${r.untouched.length} file(s) changed meanwhile were left as they are: ${r.untouched.join(', ')}.` : '';
    problems.push(
      r.outcome === 'finished'
        ? `${what} was interrupted when Keel stopped; it had completed and was finished.${left}`
        : `${what} was interrupted when Keel stopped; every file was put back as it was${kind === 'apply' ? ', and the change can be applied again' : ''}.${left}`,
    );
  }
  // With an unreadable journal its backups may be the only copy of old bytes: leave every temp file alone.
  if (root && problems.every((p) => !p.includes('could not be read'))) await removeOrphanedTempFiles(root);
  return { problems, changed: recovered.length > 0 };
}
