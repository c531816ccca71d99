/**
 * The phase machine of a spec the planner writes: which documents in which order for each workflow, and which
 * moves the user may make from each state. Pure, so the rules are tested without a model or a disk.
 */
import type { SpecPhaseKind, SpecPhaseStatus, SpecWriterPhase, SpecWriterState } from '../../../protocol';

export type SpecType = SpecWriterState['type'];
export type SpecWorkflow = SpecWriterState['workflow'];

const FILE: Record<SpecPhaseKind, string> = {
  requirements: 'requirements.md',
  bugfix: 'bugfix.md',
  design: 'design.md',
  tasks: 'tasks.md',
};

/** The documents in the order the planner writes them. A bugfix spec always starts from the bug analysis. */
export function phaseOrder(type: SpecType, workflow: SpecWorkflow): SpecPhaseKind[] {
  if (type === 'bugfix') return ['bugfix', 'design', 'tasks'];
  return workflow === 'design-first' ? ['design', 'requirements', 'tasks'] : ['requirements', 'design', 'tasks'];
}

export const phaseFile = (kind: SpecPhaseKind): string => FILE[kind];

export function initialState(dir: string, type: SpecType, workflow: SpecWorkflow, prompt: string): SpecWriterState {
  return {
    dir,
    type,
    workflow,
    prompt,
    current: 0,
    phases: phaseOrder(type, workflow).map((kind) => ({ kind, path: `${dir}/${phaseFile(kind)}`, status: 'pending', problems: [], edited: false })),
  };
}

export type PhaseMove = 'write' | 'finish' | 'stop' | 'fail' | 'approve' | 'refine';

/** Why a move is not allowed now, or undefined when it is. The message is what the user reads. */
export function refusal(state: SpecWriterState, move: PhaseMove): string | undefined {
  const phase = currentPhase(state);
  if (!phase) return move === 'write' || move === 'approve' || move === 'refine' ? 'Every phase of this spec is approved already.' : 'Nothing is being written.';
  const s = phase.status;
  const label = phaseLabel(phase.kind);
  switch (move) {
    case 'write':
      return s === 'pending' ? undefined : `The ${label} phase has already started.`;
    case 'finish':
    case 'stop':
    case 'fail':
      return s === 'writing' ? undefined : `The planner is not writing the ${label} now.`;
    case 'approve':
      if (s === 'writing') return `Wait until the planner has finished the ${label}, or stop it first.`;
      if (s === 'pending') return `The ${label} has not been written yet.`;
      return undefined;
    case 'refine':
      return s === 'writing' ? `The planner is still writing the ${label}; stop it first.` : s === 'pending' ? `The ${label} has not been written yet.` : undefined;
  }
}

/** Applies a move (call `refusal` first); returns a new state, never mutating the old one. */
export function applyMove(state: SpecWriterState, move: PhaseMove, detail: { error?: string } = {}): SpecWriterState {
  const why = refusal(state, move);
  if (why) throw new Error(why);
  const index = state.current;
  const set = (patch: Partial<SpecWriterPhase>): SpecWriterState => ({
    ...state,
    phases: state.phases.map((p, i) => {
      if (i !== index) return p;
      const next = { ...p, ...patch };
      if (patch.status !== 'failed') delete next.error;
      return next;
    }),
  });
  const status: Record<Exclude<PhaseMove, 'approve'>, SpecPhaseStatus> = { write: 'writing', refine: 'writing', finish: 'review', stop: 'stopped', fail: 'failed' };
  if (move === 'approve') return { ...set({ status: 'approved' }), current: index + 1 };
  if (move === 'fail') return set({ status: 'failed', error: detail.error ?? 'The planner failed.' });
  return set({ status: status[move] });
}

export function currentPhase(state: SpecWriterState): SpecWriterPhase | undefined {
  return state.phases[state.current];
}

/** The phases approved before the current one, in order: what the next phase builds on. */
export function approvedPhases(state: SpecWriterState): SpecWriterPhase[] {
  return state.phases.filter((p) => p.status === 'approved');
}

export const isDone = (state: SpecWriterState): boolean => state.current >= state.phases.length;

/** A phase left `writing` by a process that died: it was stopped (the text on disk is what got streamed). */
export function recoverInterrupted(state: SpecWriterState): SpecWriterState {
  const phase = currentPhase(state);
  return phase?.status === 'writing' ? applyMove(state, 'stop') : state;
}

export function phaseLabel(kind: SpecPhaseKind): string {
  return kind === 'bugfix' ? 'bug analysis' : kind;
}
