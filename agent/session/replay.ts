import { addUsage, zeroUsage, type ChatMessage, type ToolResultBlock, type Usage } from '../core/messages';
import type { FileChange } from '../changeset/changeset';
import type { SessionRecord, SessionStore } from './records';
import { applyCompaction } from '../context/compact';

export interface SessionState {
  id: string;
  createdAt: string;
  title?: string;
  role?: 'planner' | 'executor';
  mode?: 'supervised' | 'autopilot';
  /** The custom agent chosen last (absent: Keel's default agent). */
  customAgent?: string;
  messages: ChatMessage[];
  usage: Usage;
  costUsd: number | undefined;
  /** Tool results by tool-use id: what already ran. */
  ledger: Map<string, ToolResultBlock>;
  /** The last saved pending changeset, if any. */
  changes: FileChange[];
  /** Compactions in the history as it stands. */
  compactions: number;
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
    compactions: 0,
  };
  /** The history before each compaction, so a restore to an older checkpoint gets the summarised messages back. */
  const before: ChatMessage[][] = [];
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
      case 'title':
        state.title = r.title;
        break;
      case 'customAgent':
        if (r.agent === null) delete state.customAgent;
        else state.customAgent = r.agent;
        break;
      case 'restore': {
        const at = r.compactions ?? state.compactions;
        if (at < state.compactions && before[at]) {
          state.messages = before[at];
          before.length = at;
          state.compactions = at;
        }
        state.messages.length = Math.min(state.messages.length, r.messageCount);
        break;
      }
      case 'compaction':
        before[state.compactions] = state.messages;
        state.messages = applyCompaction(state.messages, r.summarizedMessages, r.summary);
        state.compactions++;
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
