/**
 * The run journal's records: one JSON object per line, appended as a run happens. A `start` without an `end` is a
 * run that died with the process — what crash recovery looks for. Everything the run history shows (sessions,
 * changesets, hunks applied, tokens and cost, checks) is folded from these records.
 */
import { z } from 'zod';

const at = z.string();
const runId = z.string().min(1);
const taskState = z.enum(['open', 'inProgress', 'done', 'skipped', 'unknown']);

export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});

export const runModeSchema = z.enum(['supervised', 'autopilot']);
export type RunMode = z.infer<typeof runModeSchema>;

export const fileSummarySchema = z.object({
  path: z.string(),
  kind: z.enum(['add', 'modify', 'delete']),
  added: z.number(),
  removed: z.number(),
});

export const reviewFileSchema = z.object({ path: z.string(), hunksApplied: z.number(), hunksTotal: z.number() });

export const journalRecordSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('start'),
    runId,
    at,
    specDir: z.string(),
    taskId: z.string(),
    title: z.string(),
    mode: runModeSchema,
    /** A group run (a parent task) owns the runs of its sub-tasks. */
    kind: z.enum(['task', 'group']),
    parentRunId: z.string().optional(),
    batchId: z.string().optional(),
  }),
  /** A checkbox Keel changed, so recovery knows what to put back. */
  z.object({ t: z.literal('marked'), runId, from: taskState, to: taskState }),
  z.object({ t: z.literal('session'), runId, sessionId: z.string() }),
  z.object({ t: z.literal('usage'), runId, modelId: z.string().optional(), usage: usageSchema, costUsd: z.number().optional() }),
  z.object({ t: z.literal('changeset'), runId, reviewId: z.string().optional(), summary: z.string(), files: z.array(fileSummarySchema) }),
  z.object({ t: z.literal('review'), runId, status: z.enum(['applied', 'partial', 'rejected', 'discarded']), files: z.array(reviewFileSchema) }),
  z.object({
    t: z.literal('check'),
    runId,
    command: z.string(),
    source: z.string(),
    exitCode: z.number().nullable(),
    passed: z.boolean(),
    /** The output's tail, enough to see why it failed. */
    output: z.string(),
  }),
  z.object({ t: z.literal('log'), runId, at, message: z.string() }),
  z.object({ t: z.literal('end'), runId, at, outcome: z.enum(['done', 'reverted', 'interrupted']), reason: z.string().optional() }),
  z.object({ t: z.literal('batchStart'), batchId: z.string(), at, specDir: z.string(), mode: runModeSchema }),
  z.object({ t: z.literal('batchEnd'), batchId: z.string(), at, status: z.enum(['finished', 'stopped', 'failed', 'interrupted']), reason: z.string().optional() }),
]);

export type JournalRecord = z.infer<typeof journalRecordSchema>;
export type RunOutcome = Extract<JournalRecord, { t: 'end' }>['outcome'];
export type FileSummary = z.infer<typeof fileSummarySchema>;
export type ReviewFile = z.infer<typeof reviewFileSchema>;
export type Usage = z.infer<typeof usageSchema>;
