/**
 * The chat pane's view model. Events arrive as the contract's `AgentStreamEvent`s (protocol/agent.ts) and are folded
 * into immutable transcript items by `transcript.ts`.
 */
import type { AgentChip, AgentCost, AgentFileCount, AgentMode, AgentSessionInfo, AgentStreamEvent } from '../../../protocol/agent';

export type Chip = AgentChip;
export type ChipKind = AgentChip['kind'];
export type UsageTotals = AgentCost;
export type Mode = AgentMode;
export type ChangedFile = AgentFileCount;
export type ChatEvent = AgentStreamEvent;
export type SessionInfo = AgentSessionInfo;

export type ChangesetStatus = 'pending' | 'applying' | 'applied' | 'partial' | 'rejected' | 'discarded' | string;

export type ToolStatus = 'running' | 'success' | 'error' | 'stopped';

/** One thing shown in the transcript, in order. Items are immutable: an update replaces the item. */
export type ChatItem =
  | { kind: 'user'; id: string; turn: number; text: string; chips: Chip[]; checkpointId?: string }
  | { kind: 'text'; id: string; text: string; streaming: boolean }
  | {
      kind: 'tool';
      id: string;
      /** The model's id for this tool use (output and result are matched on it). */
      toolUseId: string;
      name: string;
      input: unknown;
      /** Streamed output (a command's), then the tool's result. */
      output: string;
      status: ToolStatus;
      reused?: boolean;
      startedAt?: number;
      durationMs?: number;
      /** A hook stopped the call before it ran, with this reason. */
      blocked?: string;
    }
  | {
      kind: 'changeset';
      id: string;
      changesetId: string;
      files: ChangedFile[];
      /** Autopilot: already on disk (undo = restore the checkpoint). */
      applied: boolean;
      status: ChangesetStatus;
    }
  | { kind: 'approval'; id: string; requestId: string; command: string; cwd: string; done: boolean }
  | { kind: 'notice'; id: string; text: string; transient: boolean }
  | { kind: 'error'; id: string; errorKind: string; message: string }
  | { kind: 'turnEnd'; id: string; stopReason: string; modelId?: string; usage?: UsageTotals };

/** One session as the pane shows it. */
export interface SessionView {
  info: SessionInfo;
  items: ChatItem[];
  /** A turn is running (the Stop button shows). */
  busy: boolean;
  /** Index in `items` where the current model call's output begins (a retry drops what follows). */
  callStart: number;
  /** Source of item ids (never reused, so React keys stay stable across retries). */
  seq: number;
  /** The running turn's usage so far, moved into its turnEnd item when the turn ends. */
  turnUsage?: UsageTotals;
  sessionUsage: UsageTotals;
  modelId: string;
  /** Highest `agent/event` seq applied (live events at or below it are already shown). */
  lastSeq: number;
}
