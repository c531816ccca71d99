import { useTabs } from '../state/tabs';

/** A change review is an editor tab keyed `review:<changeset id>` (shown by the editor the review contributes). */
const PREFIX = 'review:';

export const reviewTabId = (changesetId: string): string => PREFIX + changesetId;
export const isReviewTab = (tab: string | null | undefined): tab is string => !!tab && tab.startsWith(PREFIX);
export const reviewIdOf = (tab: string): string => tab.slice(PREFIX.length);

/** Opens (or focuses) the review of a changeset: the chat pane's "Review" and the task runner call this. */
export function openReview(changesetId: string): void {
  useTabs.getState().open(reviewTabId(changesetId));
}
