import type { AgentErrorKind } from '../core/errors';
import type { ChatMessage, StopReason, Usage } from '../core/messages';

export type TurnStopReason = StopReason | 'aborted' | 'error' | 'max_rounds';

export interface UsageTotals {
  usage: Usage;
  /** Undefined when the model has no entry in the price table. */
  costUsd: number | undefined;
}

/** What a turn streams out, in order, for the chat pane. */
export type AgentEvent =
  | { type: 'turnStart'; turn: number }
  | { type: 'textDelta'; text: string }
  /** The partial answer streamed since the last `assistantMessage` is void; the model is being called again. */
  | { type: 'retry'; attempt: number; delayMs: number; kind: AgentErrorKind; message: string }
  | { type: 'assistantMessage'; message: ChatMessage }
  | { type: 'toolStart'; id: string; name: string; input: unknown }
  | { type: 'toolOutput'; id: string; chunk: string }
  /** `durationMs`: the tool's own run time (0 when reused or blocked); `blocked`: a hook's reason, the tool did not run. */
  | { type: 'toolResult'; id: string; name: string; status: 'success' | 'error'; content: string; reused: boolean; durationMs: number; blocked?: string }
  | { type: 'usage'; modelId: string; call: Usage; turn: UsageTotals; session: UsageTotals }
  /** The oldest `summarizedMessages` messages were replaced by a summary (near the context window). */
  | { type: 'compacted'; summarizedMessages: number; tokensBefore: number; tokensAfter: number; usedFallback: boolean }
  | { type: 'turnEnd'; stopReason: TurnStopReason; error?: { kind: AgentErrorKind; message: string } };

export interface TurnResult {
  stopReason: TurnStopReason;
  /** The assistant's text of the turn's last answer. */
  text: string;
  usage: Usage;
  costUsd: number | undefined;
  error?: { kind: AgentErrorKind; message: string };
}
