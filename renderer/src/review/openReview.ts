import { create } from 'zustand';
import { useTabs } from '../state/tabs';
import { notifyEditorTitlesChanged } from '../workbench/contributions';

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

/** Tab labels by changeset id, set by whoever opens a review knowing its source, or by the review once loaded. */
const titles = new Map<string, string>();

export function nameReview(changesetId: string, title: string): void {
  if (titles.get(changesetId) === title) return;
  titles.set(changesetId, title);
  notifyEditorTitlesChanged();
}

export function reviewTabTitle(tab: string): string {
  return titles.get(reviewIdOf(tab)) ?? 'Review Changes';
}

/**
 * Opens (or focuses) the review of a changeset: the chat pane's "Review" and the task runner call this. With
 * `path`, that file is selected in the review; with `title`, the tab is labelled so from its first render.
 */
export function openReview(changesetId: string, path?: string, title?: string): void {
  if (title !== undefined) nameReview(changesetId, title);
  if (path !== undefined) useReviewFocus.setState((s) => ({ requests: { ...s.requests, [changesetId]: path } }));
  useTabs.getState().open(reviewTabId(changesetId));
}
