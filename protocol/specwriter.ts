/**
 * Spec from a prompt (issue #7 item 4): the planner writes requirements → design → tasks (or bugfix → design →
 * tasks), one phase at a time, each streamed into the spec editor and approved or refined by the user.
 * Spread into the contract by protocol/contract.ts.
 */
import { z } from 'zod';
import { RelPath } from './workspace';

/** The document a phase writes (`requirements` = requirements.md, `bugfix` = bugfix.md…). */
export const SpecPhaseKind = z.enum(['requirements', 'bugfix', 'design', 'tasks']);
export type SpecPhaseKind = z.infer<typeof SpecPhaseKind>;

/**
 * `pending`: not started; `writing`: the planner is streaming it; `review`: written, waiting for Approve or Refine;
 * `stopped`: the user (or a restart) stopped it — what was streamed is kept and marked incomplete; `failed`: the
 * model call failed (`error` says why); `approved`: the user approved it and later phases build on it.
 */
export const SpecPhaseStatus = z.enum(['pending', 'writing', 'review', 'stopped', 'failed', 'approved']);
export type SpecPhaseStatus = z.infer<typeof SpecPhaseStatus>;

/** A problem in a phase's document (specs-schema parse, EARS lint, traceability, or a missing part). */
export const SpecWriterProblem = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** 1-based line in the phase's document; 0 when the problem is about the document as a whole. */
  line: z.number(),
  message: z.string(),
  code: z.string(),
});
export type SpecWriterProblem = z.infer<typeof SpecWriterProblem>;

export const SpecWriterPhase = z.object({
  kind: SpecPhaseKind,
  /** Workspace-relative path of the document. */
  path: RelPath,
  status: SpecPhaseStatus,
  error: z.string().optional(),
  /** Problems in the document as it is on disk now (re-checked when it changes). */
  problems: z.array(SpecWriterProblem),
  /** The document on disk differs from what the planner wrote (the user edited it). */
  edited: z.boolean(),
});
export type SpecWriterPhase = z.infer<typeof SpecWriterPhase>;

export const SpecWriterState = z.object({
  /** Workspace-relative spec folder (`.kiro/specs/<name>`). */
  dir: RelPath,
  type: z.enum(['feature', 'bugfix']),
  workflow: z.enum(['requirements-first', 'design-first']),
  /** What the user asked for. */
  prompt: z.string(),
  phases: z.array(SpecWriterPhase),
  /** Index of the phase being written or reviewed; `phases.length` once every phase is approved. */
  current: z.number(),
});
export type SpecWriterState = z.infer<typeof SpecWriterState>;

const Dir = z.object({ dir: RelPath });

export const specwriterRequests = {
  /** Creates `.kiro/specs/<name>/` (`.config.kiro` in Kiro's format) and starts the first phase. */
  'specwriter/start': {
    request: z.object({
      name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case name (a-z, 0-9 and single dashes)').max(100),
      type: z.enum(['feature', 'bugfix']),
      workflow: z.enum(['requirements-first', 'design-first']),
      prompt: z.string().trim().min(1, 'Describe the feature or the bug first.').max(20_000),
    }),
    response: SpecWriterState,
  },
  /** Every spec of this folder the planner is writing or has written (for the phase bar after a reload). */
  'specwriter/list': {
    request: z.object({}),
    response: z.object({ states: z.array(SpecWriterState) }),
  },
  /**
   * Approves the current phase (its document as saved on disk) and starts the next one. A document with errors is
   * refused with CONFLICT unless `force` is set (the UI asks first); a move the phase's state does not allow (it is
   * still being written, say) is BAD_REQUEST.
   */
  'specwriter/approve': {
    request: Dir.extend({ force: z.boolean().optional() }),
    response: SpecWriterState,
  },
  /**
   * Rewrites the current phase with the user's feedback (empty feedback = write it again). A document the user
   * edited is refused with CONFLICT unless `overwriteEdited` is set (the UI asks first).
   */
  'specwriter/refine': {
    request: Dir.extend({ feedback: z.string().max(20_000), overwriteEdited: z.boolean().optional() }),
    response: SpecWriterState,
  },
  /** Stops the phase being written; what was streamed stays in the document, marked incomplete. */
  'specwriter/stop': {
    request: Dir,
    response: SpecWriterState,
  },
} as const;

export const specwriterEvents = {
  /** A spec's phase state changed (started, finished, approved, problems re-checked…). */
  'specwriter/changed': SpecWriterState,
  /** The document a phase is writing, as streamed so far (the whole text, at most a few times a second). */
  'specwriter/text': z.object({ dir: RelPath, path: RelPath, text: z.string() }),
} as const;
