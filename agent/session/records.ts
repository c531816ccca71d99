import { z } from 'zod';

const contentBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('toolUse'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('toolResult'), toolUseId: z.string(), status: z.enum(['success', 'error']), content: z.string() }),
]);

const message = z.object({ role: z.enum(['user', 'assistant']), content: z.array(contentBlock) });

const usage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});

/**
 * One line of a session's JSONL file. The file is only ever appended to; reloading replays the lines in order.
 * `toolRun` lines are the ledger that keeps a tool from running twice when a turn is resumed.
 */
export const sessionRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('meta'),
    version: z.literal(1),
    id: z.string(),
    createdAt: z.string(),
    title: z.string().optional(),
    role: z.enum(['planner', 'executor']).optional(),
    mode: z.enum(['supervised', 'autopilot']).optional(),
  }),
  z.object({ type: z.literal('mode'), mode: z.enum(['supervised', 'autopilot']) }),
  /** The session's custom agent (`.kiro/agents/*.md` name) from the next turn on; null = Keel's default agent. */
  z.object({ type: z.literal('customAgent'), agent: z.string().nullable() }),
  /** The session was named (an untitled chat takes its first prompt's words). */
  z.object({ type: z.literal('title'), title: z.string() }),
  /**
   * Files were rolled back to a checkpoint: the conversation is cut back to its first `messageCount` messages — of
   * the history as it was after `compactions` compactions (a checkpoint older than a compaction brings back the
   * messages that were summarised since).
   */
  z.object({ type: z.literal('restore'), checkpointId: z.string(), messageCount: z.number().int().min(0), compactions: z.number().int().min(0).optional() }),
  /** The first `summarizedMessages` messages were replaced by `summary` (see applyCompaction). */
  z.object({ type: z.literal('compaction'), summarizedMessages: z.number().int().min(1), summary: z.string() }),
  /** What the chat pane showed beside the conversation (changeset ids, checkpoints), replayed into its history. */
  z.object({ type: z.literal('ui'), event: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('message'), message }),
  z.object({ type: z.literal('usage'), modelId: z.string(), usage, costUsd: z.number().optional() }),
  z.object({
    type: z.literal('toolRun'),
    toolUseId: z.string(),
    name: z.string(),
    status: z.enum(['success', 'error']),
    content: z.string(),
    /** How long the tool ran (absent in files written before it was recorded). */
    durationMs: z.number().optional(),
    /** A hook blocked the call with this reason; the tool did not run. */
    blocked: z.string().optional(),
  }),
  z.object({
    type: z.literal('changeset'),
    changes: z.array(z.object({ path: z.string(), original: z.string().nullable(), proposed: z.string().nullable() })),
  }),
]);

export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export interface SessionSummary {
  id: string;
  createdAt: string;
  title?: string;
  role?: 'planner' | 'executor';
  mode?: 'supervised' | 'autopilot';
}

/** Where sessions live; the Node implementation writes JSONL files in the user data directory. */
export interface SessionStore {
  append(sessionId: string, records: SessionRecord[]): Promise<void>;
  /** Makes what was appended durable (called once per turn, not per line). */
  sync?(sessionId: string): Promise<void>;
  /** Records in order; lines that cannot be read (a crash mid-write) are skipped and reported. */
  load(sessionId: string): Promise<{ records: SessionRecord[]; skipped: number }>;
  list(): Promise<SessionSummary[]>;
}
