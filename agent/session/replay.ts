import { addUsage, zeroUsage, type ChatMessage, type ToolResultBlock, type Usage } from '../core/messages';
import type { FileChange } from '../changeset/changeset';
import type { SessionRecord, SessionStore } from './records';

export interface SessionState {
  id: string;
  createdAt: string;
  title?: string;
  role?: 'planner' | 'executor';
  mode?: 'supervised' | 'autopilot';
  messages: ChatMessage[];
  usage: Usage;
  costUsd: number | undefined;
  /** Tool results by tool-use id: what already ran. */
  ledger: Map<string, ToolResultBlock>;
  /** The last saved pending changeset, if any. */
  changes: FileChange[];
  /** Unreadable lines skipped on load (e.g. the last line of a crash). */
  skippedLines: number;
}

export function replayRecords(records: SessionRecord[], fallbackId: string): Omit<SessionState, 'skippedLines'> {
  const state: Omit<SessionState, 'skippedLines'> = {
    id: fallbackId,
    createdAt: new Date(0).toISOString(),
    messages: [],
    usage: zeroUsage(),
    costUsd: undefined,
    ledger: new Map(),
    changes: [],
  };
  for (const r of records) {
    switch (r.type) {
      case 'meta':
        state.id = r.id;
        state.createdAt = r.createdAt;
        state.title = r.title;
        state.role = r.role;
        state.mode = r.mode;
        break;
      case 'mode':
        state.mode = r.mode;
        break;
      case 'restore':
        state.messages.length = Math.min(state.messages.length, r.messageCount);
        break;
      case 'ui':
        break;
      case 'message':
        state.messages.push(r.message as ChatMessage);
        break;
      case 'usage':
        state.usage = addUsage(state.usage, r.usage);
        if (r.costUsd !== undefined) state.costUsd = (state.costUsd ?? 0) + r.costUsd;
        break;
      case 'toolRun':
        state.ledger.set(r.toolUseId, { type: 'toolResult', toolUseId: r.toolUseId, status: r.status, content: r.content });
        break;
      case 'changeset':
        state.changes = r.changes;
        break;
    }
  }
  return state;
}

export async function loadSessionState(store: SessionStore, sessionId: string): Promise<SessionState> {
  const { records, skipped } = await store.load(sessionId);
  return { ...replayRecords(records, sessionId), skippedLines: skipped };
}
