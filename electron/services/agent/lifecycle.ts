import type { AgentStopReason } from '../../../protocol';

/** Where a session's changesets say they come from in the review (a task run names its spec and task). */
export type ReviewOrigin = { kind: 'chat' } | { kind: 'task'; specDir?: string; taskId?: string };

/** Which session an event comes from (a hook's own session can be told apart by its title or origin). */
export interface LifecycleSession {
  id: string;
  title: string;
  origin: ReviewOrigin;
}

export interface PromptSubmitEvent {
  session: LifecycleSession;
  turn: number;
  /** The user's prompt as typed (chips not expanded). */
  prompt: string;
  signal: AbortSignal;
}

/** `context` joins the prompt the model receives (Kiro's "Add to prompt"); `block` ends the turn before any model call. */
export interface PromptSubmitOutcome {
  context?: string[];
  block?: string;
}

export interface ToolCallEvent {
  session: LifecycleSession;
  turn: number;
  toolUseId: string;
  /** The tool's name as the model called it (`readFile`, `executeBash`, an MCP tool's name). */
  name: string;
  input: unknown;
  signal: AbortSignal;
}

export interface ToolCallDone extends ToolCallEvent {
  status: 'success' | 'error';
  /** The tool's whole result text, as the model reads it. */
  output: string;
  durationMs: number;
}

export interface AgentStopEvent {
  session: LifecycleSession;
  turn: number;
  stopReason: AgentStopReason;
  /** The agent's closing text of the turn. */
  text: string;
  changesetId?: string;
}

/**
 * The hosted agent's lifecycle seam (hooks fill it from electron/services/agent/agent-hooks.ts):
 * - `promptSubmit` before a prompt reaches the model (may add context or block the prompt);
 * - `preToolUse` before a tool call runs: a `block` reason stops it — the model receives "Blocked by hook: <reason>"
 *   as the tool's result and the chat's tool card says so; a throw blocks too (fail closed);
 * - `postToolUse` after a tool call ran (not for blocked or reused calls);
 * - `agentStop` after the turn ended and the session is idle again (so it may start another turn).
 * Every method is optional and awaited; errors other than preToolUse's are shown as a notice and ignored.
 */
export interface AgentLifecycle {
  promptSubmit?(e: PromptSubmitEvent): Promise<PromptSubmitOutcome | void>;
  preToolUse?(e: ToolCallEvent): Promise<{ block?: string } | void>;
  postToolUse?(e: ToolCallDone): Promise<void>;
  agentStop?(e: AgentStopEvent): Promise<void>;
}

/** Nothing happens around a turn (the default until hooks are wired). */
export const noLifecycle: AgentLifecycle = {};
