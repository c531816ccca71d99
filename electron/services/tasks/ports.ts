/**
 * What the task runner needs from other features, as small interfaces: the agent host runs the executor (H1), the
 * change review shows the diff (H5), the trust service approves commands (H6). The folder service wires the real
 * ones; tests wire the agent library, the fake Bedrock and scripted reviewers.
 */
import type { Changeset } from '../../../agent';
import type { FileSummary, ReviewFile, RunMode, Usage } from './journal-records';
import type { TaskContext } from './task-context';

export type ExecutorEvent =
  | { type: 'session'; sessionId: string }
  | { type: 'text'; text: string }
  | { type: 'tool'; name: string; summary: string }
  | { type: 'usage'; modelId?: string; usage: Usage; costUsd?: number };

export interface ExecutorRequest {
  specDir: string;
  taskId: string;
  title: string;
  context: TaskContext;
  mode: RunMode;
  signal: AbortSignal;
  onEvent(event: ExecutorEvent): void;
}

export interface ExecutorResult {
  sessionId: string;
  /** `end_turn` when the executor finished; `aborted` after Stop; `error`, `max_tokens`, … otherwise. */
  stopReason: string;
  error?: string;
  /** The agent's closing message: the summary shown above the diff. */
  text: string;
  /** Supervised, when the runner registers the review: the pending changes (empty when nothing changed). */
  changeset?: Changeset;
  /** Supervised, when the agent host already registered the review: its id and the files it holds. */
  review?: { id: string; files: FileSummary[] };
  /** Autopilot: what was written to disk behind the checkpoint. */
  written?: FileSummary[];
}

export interface Executor {
  run(request: ExecutorRequest): Promise<ExecutorResult>;
}

export interface ReviewOutcome {
  status: 'applied' | 'partial' | 'rejected' | 'discarded';
  files: ReviewFile[];
}

/** H5's `changeReviewKey` service, as far as the runner uses it. */
export interface ReviewPort {
  register(input: {
    changeset: Changeset;
    source: { kind: 'task'; sessionId: string; specDir: string; taskId: string };
    summary: string;
  }): { id: string; settled: Promise<ReviewOutcome> };
  /** The outcome of a review registered by someone else (the agent host) under `id`. */
  whenSettled(id: string): Promise<ReviewOutcome>;
  /** Closes a pending review without applying anything (Stop during review); undefined when that failed. */
  discard(id: string): Promise<ReviewOutcome | undefined>;
}

/** H6's `commandApprovalKey` service. */
export interface CommandApproval {
  ask(
    request: { command: string; cwd?: string; source: 'agent' | 'hook'; sessionId?: string },
    signal?: AbortSignal,
  ): Promise<{ run: boolean; command: string; reason?: string }>;
}

export interface CheckRun {
  exitCode: number | null;
  output: string;
  /** Set when the command could not be started or was stopped. */
  error?: string;
}

/** Runs a check command in the workspace and reports its exit code. */
export interface CheckRunner {
  run(command: string, options: { signal: AbortSignal; onOutput(chunk: string): void }): Promise<CheckRun>;
}

/**
 * preTaskExecution / postTaskExecution hooks (H6's hooks engine), when wired. For 'pre', a result of
 * `{allowed: false, reason}` stops the task.
 */
export interface TaskHooks {
  taskExecution(phase: 'pre' | 'post', task: { spec: string; taskId: string; title: string }): Promise<unknown>;
}
