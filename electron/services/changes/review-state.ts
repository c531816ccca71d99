import { z } from 'zod';
import { ChangeSource } from '../../../protocol';
import { compose, diffFile, hunkKey, matchConventions, type FileDiff, type HunkDecision } from './hunks';

/**
 * The persisted state of one changeset under review, and the pure operations on it. Everything the service does
 * to a review goes through these functions, so the JSON on disk after a restart is exactly what the user left.
 */

/** Saved as the contract states it (protocol/changes.ts), so what is read back is what the renderer is sent. */
export const ReviewSource = ChangeSource;
export type ReviewSource = ChangeSource;

const Decision = z.enum(['pending', 'accepted', 'rejected']);
export type ReviewStatus = 'pending' | 'applied' | 'partial' | 'rejected' | 'discarded';

const FileOutcome = z.object({ path: z.string(), hunksApplied: z.number(), hunksTotal: z.number() });
export const ReviewOutcome = z.object({
  status: z.enum(['applied', 'partial', 'rejected', 'discarded']),
  files: z.array(FileOutcome),
});
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

const ReviewFile = z.object({
  path: z.string(),
  /** The file as the agent read it; null = the agent created it. */
  original: z.string().nullable(),
  /** The agent's version with the user's edits; null = the agent deleted it. */
  proposed: z.string().nullable(),
  decisions: z.array(Decision),
  /** The user edited the proposed side. */
  edited: z.boolean(),
  /** Set by "review again on the disk version": a note the UI shows above the file. */
  note: z.string().optional(),
});
export type ReviewFile = z.infer<typeof ReviewFile>;

const AppliedFile = z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export const AppliedRecord = z.object({ at: z.number(), files: z.array(AppliedFile), reverted: z.boolean() });
export type AppliedRecord = z.infer<typeof AppliedRecord>;

export const ReviewState = z.object({
  version: z.literal(1),
  id: z.string(),
  source: ReviewSource,
  summary: z.string(),
  createdAt: z.number(),
  status: z.enum(['pending', 'applied', 'partial', 'rejected', 'discarded']),
  files: z.array(ReviewFile),
  outcome: ReviewOutcome.optional(),
  applied: AppliedRecord.optional(),
});
export type ReviewState = z.infer<typeof ReviewState>;

export interface ProposedChange {
  path: string;
  original: string | null;
  proposed: string | null;
}

export function createReviewState(
  id: string,
  changes: readonly ProposedChange[],
  source: ReviewSource,
  summary: string,
  now: number,
): ReviewState {
  const files: ReviewFile[] = [];
  for (const change of [...changes].sort((a, b) => a.path.localeCompare(b.path))) {
    const proposed = matchConventions(change.original, change.proposed);
    if (proposed === change.original) continue;
    const file: ReviewFile = { path: change.path, original: change.original, proposed, decisions: [], edited: false };
    file.decisions = diffOf(file).hunks.map(() => 'pending');
    files.push(file);
  }
  return { version: 1, id, source, summary, createdAt: now, status: 'pending', files };
}

export function kindOf(file: Pick<ReviewFile, 'original' | 'proposed'>): 'add' | 'modify' | 'delete' {
  return file.original === null ? 'add' : file.proposed === null ? 'delete' : 'modify';
}

/** A created or deleted file is one hunk (the whole file), decided as a whole. */
export function diffOf(file: Pick<ReviewFile, 'original' | 'proposed'>): FileDiff {
  if (file.original !== null && file.proposed !== null) return diffFile(file.original, file.proposed);
  const removedText = file.original ?? '';
  const addedText = file.proposed ?? '';
  const hunk = {
    originalStart: 1,
    originalLines: lineCount(removedText),
    proposedStart: 1,
    proposedLines: lineCount(addedText),
    removedText,
    addedText,
  };
  return { hunks: [hunk], segments: [{ kind: 'hunk', hunk }] };
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** What the file becomes with its decisions: new text, null to delete it, undefined when it stays as it was. */
export function resultOf(file: ReviewFile): string | null | undefined {
  if (!file.decisions.includes('accepted')) return undefined;
  const kind = kindOf(file);
  if (kind === 'add') return file.proposed;
  if (kind === 'delete') return null;
  const text = compose(diffOf(file), file.decisions);
  return text === file.original ? undefined : text;
}

export function findFile(state: ReviewState, path: string): ReviewFile {
  const file = state.files.find((f) => f.path === path);
  if (!file) throw new ReviewInputError(`${path} is not part of this change`);
  return file;
}

export class ReviewInputError extends Error {
  override name = 'ReviewInputError';
}

/** Sets one hunk, one file (all its hunks) or, without a path, every hunk of the change. */
export function decide(state: ReviewState, decision: HunkDecision, path?: string, hunk?: number): void {
  const files = path === undefined ? state.files : [findFile(state, path)];
  for (const file of files) {
    if (hunk === undefined) {
      file.decisions = file.decisions.map(() => decision);
      continue;
    }
    if (!Number.isInteger(hunk) || hunk < 0 || hunk >= file.decisions.length) {
      throw new ReviewInputError(`${file.path} has no hunk ${hunk + 1} (it has ${file.decisions.length})`);
    }
    file.decisions[hunk] = decision;
  }
}

/**
 * The user edited the proposed side. Hunks are recomputed; a hunk the edit left as it was keeps its decision
 * (its original lines and new text are unchanged), and a hunk the edit created or changed counts as accepted —
 * the user just wrote it.
 */
export function editProposed(state: ReviewState, path: string, text: string): void {
  const file = findFile(state, path);
  if (file.proposed === null) throw new ReviewInputError(`${path} is deleted by this change; there is no text to edit`);
  const before = new Map<string, HunkDecision>();
  diffOf(file).hunks.forEach((h, i) => before.set(hunkKey(h), file.decisions[i] ?? 'pending'));
  file.proposed = text;
  file.edited = true;
  file.decisions = diffOf(file).hunks.map((h) => before.get(hunkKey(h)) ?? 'accepted');
}

/** After an apply: how many hunks of each file went to disk, and the overall status. */
export function outcomeOf(state: ReviewState): ReviewOutcome {
  const files = state.files.map((f) => ({
    path: f.path,
    hunksApplied: f.decisions.filter((d) => d === 'accepted').length,
    hunksTotal: f.decisions.length,
  }));
  const applied = files.reduce((n, f) => n + f.hunksApplied, 0);
  const total = files.reduce((n, f) => n + f.hunksTotal, 0);
  const status = applied === 0 ? 'rejected' : applied === total ? 'applied' : 'partial';
  return { status, files };
}
