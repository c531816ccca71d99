import { create } from 'zustand';
import { useTabs } from '../state/tabs';

/** A change review is an editor tab keyed `review:<changeset id>` (shown by the editor the review contributes). */
const PREFIX = 'review:';

export const reviewTabId = (changesetId: string): string => PREFIX + changesetId;
export const isReviewTab = (tab: string | null | undefined): tab is string => !!tab && tab.startsWith(PREFIX);
export const reviewIdOf = (tab: string): string => tab.slice(PREFIX.length);

/** The file a caller asked to show in a review (the chat card's file links); the review editor consumes it. */
export const useReviewFocus = create<{ requests: Record<string, string>; take(id: string): string | undefined }>()((set, get) => ({
  requests: {},
  take(id) {
    const path = get().requests[id];
    if (path !== undefined) set({ requests: Object.fromEntries(Object.entries(get().requests).filter(([k]) => k !== id)) });
    return path;
  },
}));

/**
 * Opens (or focuses) the review of a changeset: the chat pane's "Review" and the task runner call this. With
 * `path`, that file is selected in the review.
 */
export function openReview(changesetId: string, path?: string): void {
  if (path !== undefined) useReviewFocus.setState((s) => ({ requests: { ...s.requests, [changesetId]: path } }));
  useTabs.getState().open(reviewTabId(changesetId));
}
