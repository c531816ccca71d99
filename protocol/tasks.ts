/**
 * Task execution: Start task, Run all, run history (issue #7).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
import { z } from 'zod';
import { RelPath } from './workspace';

const SpecDir = RelPath;
/** `2.1`, or `line:<n>` (1-based) for a task without a number. */
const TaskId = z.string().min(1).max(200);
export const RunMode = z.enum(['supervised', 'autopilot']);

const Usage = z.object({ inputTokens: z.number(), outputTokens: z.number(), cacheReadTokens: z.number(), cacheWriteTokens: z.number() });

export const ActiveRun = z.object({
  runId: z.string(),
  specDir: SpecDir,
  taskId: TaskId,
  title: z.string(),
  phase: z.enum(['starting', 'executing', 'reviewing', 'checking', 'finishing']),
  /** Set for a sub-task run inside a group (a parent task). */
  parentRunId: z.string().optional(),
  /** While reviewing: the review tab to open (`review:<id>`). */
  reviewId: z.string().optional(),
});
export type ActiveRun = z.infer<typeof ActiveRun>;

export const BatchProgress = z.object({
  batchId: z.string(),
  specDir: SpecDir,
  mode: RunMode,
  /** Pending non-optional (sub-)tasks when Run all started. */
  total: z.number(),
  done: z.number(),
  state: z.enum(['running', 'pausing', 'paused', 'stopping', 'finished', 'stopped', 'failed']),
  current: z.string().optional(),
  reason: z.string().optional(),
});
export type BatchProgress = z.infer<typeof BatchProgress>;

export const RunnerStatus = z.object({
  /** A run is in progress: another Start task or Run all is refused until it ends. */
  busy: z.boolean(),
  active: z.array(ActiveRun),
  /** The current Run all, or the last one of this window. */
  batch: BatchProgress.optional(),
  /** Runs a crash left open, put back to `[ ]` when the folder opened. */
  recovered: z.array(
    z.object({
      runId: z.string(),
      specDir: SpecDir,
      taskId: TaskId,
      title: z.string(),
      reset: z.boolean(),
      /** The run's change is still waiting in the change review: applying it runs the task's check. */
      pendingReviewId: z.string().optional(),
    }),
  ),
  /** A Run all that a crash or quit interrupted, offered for resuming. */
  interrupted: z.object({ batchId: z.string(), specDir: SpecDir, mode: RunMode }).optional(),
});
export type RunnerStatus = z.infer<typeof RunnerStatus>;

export const TaskRunSummary = z.object({
  runId: z.string(),
  specDir: SpecDir,
  taskId: TaskId,
  title: z.string(),
  mode: RunMode,
  kind: z.enum(['task', 'group']),
  parentRunId: z.string().optional(),
  batchId: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** Missing while the run is going. */
  outcome: z.enum(['done', 'reverted', 'interrupted']).optional(),
  reason: z.string().optional(),
  sessions: z.array(z.string()),
  changesets: z.array(
    z.object({
      reviewId: z.string().optional(),
      summary: z.string(),
      files: z.array(z.object({ path: z.string(), kind: z.enum(['add', 'modify', 'delete']), added: z.number(), removed: z.number() })),
    }),
  ),
  review: z
    .object({
      status: z.enum(['applied', 'partial', 'rejected', 'discarded']),
      files: z.array(z.object({ path: z.string(), hunksApplied: z.number(), hunksTotal: z.number() })),
    })
    .optional(),
  /** Files this run changed on disk (what drift detection follows). */
  filesChanged: z.array(z.string()),
  usage: Usage,
  costUsd: z.number().optional(),
  checks: z.array(z.object({ command: z.string(), source: z.string(), exitCode: z.number().nullable(), passed: z.boolean(), output: z.string() })),
  log: z.array(z.object({ at: z.string(), message: z.string() })),
  marks: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type TaskRunSummary = z.infer<typeof TaskRunSummary>;

export const TaskLogEntry = z.object({ runId: z.string(), specDir: z.string(), taskId: z.string(), message: z.string() });
export type TaskLogEntry = z.infer<typeof TaskLogEntry>;

export const TaskRunEnded = z.object({
  runId: z.string(),
  specDir: SpecDir,
  taskId: TaskId,
  title: z.string(),
  kind: z.enum(['task', 'group']),
  /** Part of a larger run (a sub-task of a group). */
  nested: z.boolean(),
  outcome: z.enum(['done', 'reverted']),
  reason: z.string().optional(),
});
export type TaskRunEnded = z.infer<typeof TaskRunEnded>;

export const tasksRequests = {
  /** Marks the task `[-]` and answers once that is on disk; the run continues (follow `tasks/status`). */
  'tasks/start': {
    request: z.object({ specDir: SpecDir, taskId: TaskId, mode: RunMode.optional() }),
    response: z.object({ runId: z.string() }),
  },
  /** Runs the spec's open, non-optional tasks in document order; the mode defaults to the agent setting. */
  'tasks/runAll': {
    request: z.object({ specDir: SpecDir, mode: RunMode.optional() }),
    response: z.object({ batchId: z.string() }),
  },
  /** Run all pauses after the current task. */
  'tasks/pause': { request: z.object({}), response: z.object({}) },
  'tasks/resume': { request: z.object({}), response: z.object({}) },
  /** Stops the current run (its task goes back to `[ ]`) and ends Run all. */
  'tasks/stop': { request: z.object({}), response: z.object({}) },
  /** Forgets an interrupted Run all without resuming it. */
  'tasks/dismissInterrupted': { request: z.object({}), response: z.object({}) },
  'tasks/status': { request: z.object({}), response: RunnerStatus },
  /** Runs of one task (or of the whole spec), newest first. */
  'tasks/history': {
    request: z.object({ specDir: SpecDir, taskId: TaskId.optional() }),
    response: z.object({ runs: z.array(TaskRunSummary) }),
  },
  /** Task → files its runs changed on disk (traceability, drift detection). */
  'tasks/filesChanged': {
    request: z.object({ specDir: SpecDir, taskId: TaskId }),
    response: z.object({ files: z.array(z.string()) }),
  },
} as const;

export const tasksEvents = {
  'tasks/status': RunnerStatus,
  /** A line for a task's run log (also kept in the journal, read back with `tasks/history`). */
  'tasks/log': TaskLogEntry,
  /** Output of a running check command, as it arrives (the journal keeps its tail). */
  'tasks/checkOutput': z.object({ runId: z.string(), specDir: z.string(), taskId: z.string(), chunk: z.string() }),
  /** A task run ended: `done` ticked it, `reverted` put it back to `[ ]` (the reason says why). */
  'tasks/ended': TaskRunEnded,
} as const;
