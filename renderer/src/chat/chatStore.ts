import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Chip, SessionInfo, SessionView } from './model';

/** What the user is writing in a session's prompt box: kept per session so switching tabs loses nothing. */
export interface Draft {
  text: string;
  chips: Chip[];
}

export interface ChatState {
  /** Sessions shown as tabs, by id. */
  sessions: Record<string, SessionView>;
  /** Tab order. */
  tabs: string[];
  active: string | null;
  /** Every saved session of the workspace (for "open a past session"). */
  saved: SessionInfo[];
  drafts: Record<string, Draft>;
  /** The first load (sessions + their histories) finished. */
  ready: boolean;
  /** Why the pane cannot talk to the agent host (shown instead of the transcript). */
  loadError?: string;
  /** A prompt is being sent for a session without one yet (the box waits instead of sending twice). */
  sending: boolean;
}

export type ChatStore = StoreApi<ChatState>;

export const NEW_DRAFT = '';

export function createChatStore(): ChatStore {
  return createStore<ChatState>()(() => ({ sessions: {}, tabs: [], active: null, saved: [], drafts: {}, ready: false, sending: false }));
}

export const emptyDraft: Draft = { text: '', chips: [] };

/** The draft of the active session, or of the not-yet-created one when no session is open. */
export function draftKey(state: ChatState): string {
  return state.active ?? NEW_DRAFT;
}
