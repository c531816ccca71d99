import type { ReviewSummary } from '../../../protocol';
import type { Services } from '../app/services';
import { useNotifications } from '../state/notifications';
import { useQuickInput } from '../state/quickInput';
import { openReview } from './openReview';
import { reviewTitle, sourceLabel } from './reviewSource';

function describe(r: ReviewSummary): string {
  const state = r.status === 'pending' ? (r.recovered ? 'pending (from before the restart)' : 'pending') : `${r.status}, can be reverted`;
  return `${r.fileCount} file${r.fileCount === 1 ? '' : 's'} · from ${sourceLabel(r.source)} · ${state}`;
}

/**
 * "Review: Show Changes": the changes waiting for review (also those left pending by a killed run) and the applied
 * ones that can still be reverted. One pending change opens at once; several are offered in a pick list.
 */
export async function showChanges({ client }: Services): Promise<void> {
  const { reviews } = await client.request('changes/list', {});
  const shown = reviews.filter((r) => r.status === 'pending' || r.canRevert);
  const pending = shown.filter((r) => r.status === 'pending');
  if (shown.length === 0) {
    useNotifications.getState().show('info', 'No agent changes are waiting for review.');
    return;
  }
  if (pending.length === 1 && shown.length === 1) return openReview(pending[0]!.id, undefined, reviewTitle(pending[0]!.source));
  useQuickInput.getState().showPick({
    placeholder: 'Select a change to review',
    items: shown.map((r) => ({
      label: r.summary.split('\n')[0]?.trim() || `Change ${r.id}`,
      description: describe(r),
      run: () => openReview(r.id, undefined, reviewTitle(r.source)),
    })),
  });
}
