import type { FileChange } from '../../../protocol';
import type { Hook, HookEvent } from '../../../specs-schema';
import type { Disposable } from '../../base/disposable';

export type { Hook, HookEvent };

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
}

export interface TaskInfo {
  spec: string;
  taskId: string;
  title: string;
}

/** What triggered a run; also what its command sees in the environment and its agent turn in the prompt. */
export interface HookTrigger {
  event: HookEvent;
  /** Workspace-relative files for file events (all files of a coalesced burst). */
  files?: string[];
  prompt?: string;
  tool?: ToolUse;
  task?: TaskInfo;
}

/** An agent turn for `askAgent` hooks. `block` (preToolUse only) stops the tool call with that reason. */
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
