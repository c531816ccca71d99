import { z } from 'zod';
import { RelPath } from './workspace';

/**
 * Change review: pending changesets from the agent, per-file and per-hunk decisions, atomic apply (issue #7).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */

export const ReviewId = z.string().regex(/^cs-[0-9a-f]{12}$/, 'not a change review id');

export const HunkDecision = z.enum(['pending', 'accepted', 'rejected']);
export type HunkDecision = z.infer<typeof HunkDecision>;

/** Where the change came from: a chat session, or a task run of a spec. */
export const ChangeSource = z.object({
  kind: z.enum(['chat', 'task']),
  sessionId: z.string(),
  specDir: z.string().optional(),
  taskId: z.string().optional(),
});
export type ChangeSource = z.infer<typeof ChangeSource>;

/** pending = under review; the others are final (applied = every hunk, partial = some, rejected = none). */
export const ReviewStatus = z.enum(['pending', 'applied', 'partial', 'rejected', 'discarded']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ReviewOutcome = z.object({
  status: ReviewStatus.exclude(['pending']),
  files: z.array(z.object({ path: RelPath, hunksApplied: z.number(), hunksTotal: z.number() })),
});
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

/** One hunk: 1-based line ranges on both sides (a pure insertion has 0 original lines, a deletion 0 proposed). */
export const ReviewHunk = z.object({
  index: z.number(),
  originalStart: z.number(),
  originalLines: z.number(),
  proposedStart: z.number(),
  proposedLines: z.number(),
  decision: HunkDecision,
});
export type ReviewHunk = z.infer<typeof ReviewHunk>;

export const ReviewFile = z.object({
  path: RelPath,
  kind: z.enum(['add', 'modify', 'delete']),
  /** The file as the agent read it (null: the agent created it). */
  original: z.string().nullable(),
  /** The proposal including the user's edits (null: the agent deleted the file). */
  proposed: z.string().nullable(),
  edited: z.boolean(),
  added: z.number(),
  removed: z.number(),
  hunks: z.array(ReviewHunk),
  /** The file on disk no longer matches what the agent read: applying it would overwrite someone's change. */
  changedOnDisk: z.boolean(),
  /** Shown above the file, e.g. after "review again on the disk version" could not merge cleanly. */
  note: z.string().optional(),
});
export type ReviewFile = z.infer<typeof ReviewFile>;

export const HunkCounts = z.object({ total: z.number(), accepted: z.number(), rejected: z.number(), pending: z.number() });

export const ReviewSummary = z.object({
  id: ReviewId,
  source: ChangeSource,
  /** The agent's own summary of the change. */
  summary: z.string(),
  status: ReviewStatus,
  createdAt: z.number(),
  /** Left pending when Keel last stopped (e.g. a killed task run): apply it or discard it. */
  recovered: z.boolean(),
  fileCount: z.number(),
  added: z.number(),
  removed: z.number(),
  hunks: HunkCounts,
  /** Applied and not yet reverted: Revert puts the files back as they were before the apply. */
  canRevert: z.boolean(),
  /** Applied, then put back with Revert. */
  reverted: z.boolean(),
  outcome: ReviewOutcome.optional(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ReviewDetail = ReviewSummary.extend({ files: z.array(ReviewFile) });
export type ReviewDetail = z.infer<typeof ReviewDetail>;

/** Three versions of a file that changed on disk during review: what the agent read, what is there now, the proposal. */
export const ChangeConflict = z.object({
  path: RelPath,
  base: z.string().nullable(),
  theirs: z.string().nullable(),
  mine: z.string().nullable(),
});
export type ChangeConflict = z.infer<typeof ChangeConflict>;

const ById = z.object({ id: ReviewId });

export const changesRequests = {
  /** `problems`: saved reviews that could not be read (moved aside, never deleted), for the user to be told. */
  'changes/list': { request: z.object({}), response: z.object({ reviews: z.array(ReviewSummary), problems: z.array(z.string()) }) },
  'changes/get': { request: ById, response: ReviewDetail },
  /** Decides one hunk (path + hunk), one file (path) or every hunk of the change (neither). */
  'changes/decide': {
    request: z.object({ id: ReviewId, decision: HunkDecision, path: RelPath.optional(), hunk: z.number().int().min(0).optional() }),
    response: ReviewDetail,
  },
  /** The user's edit of the proposed side; hunks are recomputed. */
  'changes/editProposed': {
    request: z.object({ id: ReviewId, path: RelPath, text: z.string() }),
    response: ReviewDetail,
  },
  /**
   * Writes every accepted hunk of every file at once, or nothing. Undecided hunks are dropped. When a file changed
   * on disk since the agent read it, nothing is written and the conflicts come back (`applied: false`).
   */
  'changes/apply': {
    request: z.object({ id: ReviewId, acceptAll: z.boolean().default(false) }),
    response: z.object({ applied: z.boolean(), outcome: ReviewOutcome.optional(), conflicts: z.array(ChangeConflict) }),
  },
  /** Reject all: nothing is written; the change is settled as rejected. */
  'changes/reject': { request: ById, response: ReviewOutcome },
  /** Drops a change without deciding (e.g. one recovered after a restart). */
  'changes/discard': { request: ById, response: ReviewOutcome },
  /** Puts the applied files back as they were; refuses (conflicts) when one was changed after the apply. */
  'changes/revert': {
    request: ById,
    response: z.object({ reverted: z.boolean(), conflicts: z.array(ChangeConflict) }),
  },
  /** The three-way view of a file changed on disk during review. */
  'changes/conflict': {
    request: z.object({ id: ReviewId, path: RelPath }),
    response: ChangeConflict,
  },
  /**
   * rebase: review the proposal again on top of the disk version (merged when it applies cleanly);
   * keepDisk: drop this file's change and keep what is on disk.
   */
  'changes/resolveConflict': {
    request: z.object({ id: ReviewId, path: RelPath, action: z.enum(['rebase', 'keepDisk']) }),
    response: z.object({ merged: z.boolean(), review: ReviewDetail }),
  },
} as const;

export const changesEvents = {
  /** A change was registered, decided, edited, applied, settled or reverted, or one of its files changed on disk. */
  'changes/updated': z.object({ id: ReviewId, status: ReviewStatus }),
} as const;
