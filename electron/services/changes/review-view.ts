import { applyPatch, structuredPatch } from 'diff';
import type { ReviewDetail, ReviewFile as ReviewFileView, ReviewSummary } from '../../../protocol';
import { diffOf, kindOf, type ReviewFile, type ReviewState } from './review-state';

/** What the renderer sees of a review: counts, hunks with their decisions, and which files changed on disk. */
export function toSummary(state: ReviewState, recovered: boolean): ReviewSummary {
  const files = state.files.map((f) => fileView(f, false));
  const decisions = state.files.flatMap((f) => f.decisions);
  return {
    id: state.id,
    source: state.source,
    summary: state.summary,
    status: state.status,
    createdAt: state.createdAt,
    recovered: recovered && state.status === 'pending',
    fileCount: files.length,
    added: files.reduce((n, f) => n + f.added, 0),
    removed: files.reduce((n, f) => n + f.removed, 0),
    hunks: {
      total: decisions.length,
      accepted: decisions.filter((d) => d === 'accepted').length,
      rejected: decisions.filter((d) => d === 'rejected').length,
      pending: decisions.filter((d) => d === 'pending').length,
    },
    canRevert: Boolean(state.applied && !state.applied.reverted),
    reverted: Boolean(state.applied?.reverted),
    ...(state.outcome ? { outcome: state.outcome } : {}),
  };
}

export function toDetail(state: ReviewState, recovered: boolean, changedOnDisk: ReadonlySet<string>): ReviewDetail {
  return { ...toSummary(state, recovered), files: state.files.map((f) => fileView(f, changedOnDisk.has(f.path))) };
}

function fileView(file: ReviewFile, changedOnDisk: boolean): ReviewFileView {
  const hunks = diffOf(file).hunks.map((h, index) => ({
    index,
    originalStart: h.originalStart,
    originalLines: h.originalLines,
    proposedStart: h.proposedStart,
    proposedLines: h.proposedLines,
    decision: file.decisions[index] ?? 'pending',
  }));
  return {
    path: file.path,
    kind: kindOf(file),
    original: file.original,
    proposed: file.proposed,
    edited: file.edited,
    added: hunks.reduce((n, h) => n + h.proposedLines, 0),
    removed: hunks.reduce((n, h) => n + h.originalLines, 0),
    hunks,
    changedOnDisk,
    ...(file.note ? { note: file.note } : {}),
  };
}

/**
 * "Review again on the disk version": the disk content becomes the base and the agent's change (base → proposal)
 * is patched onto it. When the patch applies cleanly the hunks are the agent's change on the new base; when it
 * does not, the proposal is compared with the disk as it is, and the note says which hunks would undo the other
 * change. Every hunk is undecided again either way: the user reviews the result anew. Returns whether it merged.
 */
export function rebaseOnDisk(file: ReviewFile, theirs: string | null): boolean {
  let merged = false;
  let proposed = file.proposed;
  if (file.original !== null && file.proposed !== null && theirs !== null) {
    // One line of context: changes next to the other edit do not merge (as with git), changes further away do.
    const patch = structuredPatch(file.path, file.path, file.original, file.proposed, undefined, undefined, { context: 1 });
    const result = applyPatch(theirs, patch);
    if (result !== false) {
      proposed = result;
      merged = true;
    }
  }
  file.original = theirs;
  file.proposed = proposed;
  file.note = merged
    ? 'Changed on disk during review: the agent’s change was re-applied on top of the disk version. Review it again.'
    : 'Changed on disk during review, and the agent’s change could not be merged automatically: these hunks compare the disk version with the proposal — reject the ones that would undo the other change.';
  file.decisions = diffOf(file).hunks.map(() => 'pending');
  return merged;
}
