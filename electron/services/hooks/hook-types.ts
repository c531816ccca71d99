import type { FileChange } from '../../../protocol';
import type { Hook, HookEntry, HookEvent, HookV1Trigger } from '../../../specs-schema';
import type { Disposable } from '../../base/disposable';

export type { Hook, HookEntry, HookEvent };

/**
 * The engine's events: the 0.x event names (what the run log, the IPC contract and the agent lifecycle already
 * speak) plus `sessionStart`, which 0.x had no event for. Every v1 trigger maps onto exactly one of them.
 */
export type EngineEvent = HookEvent | 'sessionStart';

export const EVENT_OF_TRIGGER: Readonly<Record<HookV1Trigger, EngineEvent>> = {
  SessionStart: 'sessionStart',
  UserPromptSubmit: 'promptSubmit',
  PreToolUse: 'preToolUse',
  PostToolUse: 'postToolUse',
  Stop: 'agentStop',
  PostFileSave: 'fileEdited',
  PostFileCreate: 'fileCreated',
  PostFileDelete: 'fileDeleted',
  PreTaskExec: 'preTaskExecution',
  PostTaskExec: 'postTaskExecution',
  Manual: 'userTriggered',
};

/** Kiro's `hook_event_name` for an engine event (what a v1 command reads on stdin). */
export const TRIGGER_NAME: Readonly<Record<EngineEvent, HookV1Trigger>> = Object.fromEntries(
  Object.entries(EVENT_OF_TRIGGER).map(([trigger, event]) => [event, trigger]),
) as Record<EngineEvent, HookV1Trigger>;

/** Where file changes come from: the workspace watcher (other programs, git, the agent's writes). */
export interface FileEvents {
  onDidChange(listener: (changes: readonly FileChange[]) => void): Disposable;
}

/** What the engine needs to know about trust; `workspaceHookTrust` adapts the WorkspaceTrustStore. */
export interface HookTrust {
  isWorkspaceTrusted(): Promise<boolean>;
  /** True when exactly this content of the hook file was approved by the user. */
  isHookApproved(file: string, content: string): Promise<boolean>;
}

/** A tool call the agent is about to make (preToolUse) or has made (postToolUse). */
export interface ToolUse {
  /** The tool's name, e.g. `executeBash`, `fsWrite`, `mcp_github_create_issue`. */
  name: string;
  /** Its category for `toolTypes` filters: read, write, shell, web, spec (MCP tools: their server's name). */
  category?: string;
  input?: unknown;
  /** postToolUse: the tool's result text. */
  response?: string;
}

export interface TaskInfo {
  spec: string;
  taskId: string;
  title: string;
}

/** What triggered a run; also what its command sees in the environment and its agent turn in the prompt. */
export interface HookTrigger {
  event: EngineEvent;
  /** The agent session the event comes from (`session_id` in a v1 command's payload). */
  sessionId?: string;
  /** Workspace-relative files for file events (all files of a coalesced burst). */
  files?: string[];
  prompt?: string;
  tool?: ToolUse;
  task?: TaskInfo;
}

/** An agent turn for `askAgent` (v1: `agent`) hooks. `block` (preToolUse only) stops the tool call with that reason. */
export interface AgentTurnRunner {
  runTurn(request: { prompt: string; hookName: string; trigger: HookTrigger; signal: AbortSignal }): Promise<{ output: string; block?: string }>;
}

export type HookRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'cancelled' | 'blocked';

/** One entry of the run log (the Hooks pane shows these). */
export interface HookRun {
  id: string;
  hookId: string;
  hookName: string;
  action: 'runCommand' | 'askAgent';
  trigger: HookTrigger;
  status: HookRunStatus;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
  durationMs?: number;
  exitCode?: number | null;
  /** Command output (stdout and stderr interleaved, tail kept) or the agent's answer. */
  output: string;
  /** Why it was blocked, failed or cancelled, in words for the user. */
  reason?: string;
}

export interface ToolGate {
  allowed: boolean;
  reason?: string;
  runs: HookRun[];
}
