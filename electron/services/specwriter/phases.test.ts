import { describe, expect, it } from 'vitest';
import { applyMove, approvedPhases, currentPhase, initialState, isDone, phaseOrder, recoverInterrupted, refusal } from './phases';

describe('phase order', () => {
  it('writes requirements, design, tasks for a requirements-first feature', () => {
    expect(phaseOrder('feature', 'requirements-first')).toEqual(['requirements', 'design', 'tasks']);
  });
  it('starts from the design in a design-first feature, then derives requirements', () => {
    expect(phaseOrder('feature', 'design-first')).toEqual(['design', 'requirements', 'tasks']);
  });
  it('starts a bugfix from bugfix.md whatever the workflow', () => {
    expect(phaseOrder('bugfix', 'requirements-first')).toEqual(['bugfix', 'design', 'tasks']);
    expect(phaseOrder('bugfix', 'design-first')).toEqual(['bugfix', 'design', 'tasks']);
  });
  it('names each phase after its file in the spec folder', () => {
    const s = initialState('.kiro/specs/x', 'bugfix', 'requirements-first', 'fix it');
    expect(s.phases.map((p) => p.path)).toEqual(['.kiro/specs/x/bugfix.md', '.kiro/specs/x/design.md', '.kiro/specs/x/tasks.md']);
    expect(s.phases.every((p) => p.status === 'pending')).toBe(true);
  });
});

describe('moves', () => {
  const fresh = () => initialState('.kiro/specs/x', 'feature', 'requirements-first', 'a feature');

  it('walks write → finish → approve through every phase to done', () => {
    let s = fresh();
    for (const kind of ['requirements', 'design', 'tasks']) {
      expect(currentPhase(s)?.kind).toBe(kind);
      s = applyMove(s, 'write');
      expect(currentPhase(s)?.status).toBe('writing');
      s = applyMove(s, 'finish');
      expect(currentPhase(s)?.status).toBe('review');
      s = applyMove(s, 'approve');
    }
    expect(isDone(s)).toBe(true);
    expect(approvedPhases(s).map((p) => p.kind)).toEqual(['requirements', 'design', 'tasks']);
    expect(refusal(s, 'approve')).toMatch(/already/);
  });

  it('refuses to approve or refine while writing, and to approve what was never written', () => {
    let s = fresh();
    expect(refusal(s, 'approve')).toMatch(/not been written/);
    s = applyMove(s, 'write');
    expect(refusal(s, 'approve')).toMatch(/Wait until/);
    expect(refusal(s, 'refine')).toMatch(/stop it first/);
    expect(() => applyMove(s, 'approve')).toThrow(/Wait until/);
  });

  it('refines only the current phase: the approved ones stay approved', () => {
    let s = applyMove(applyMove(applyMove(fresh(), 'write'), 'finish'), 'approve');
    s = applyMove(applyMove(s, 'write'), 'finish');
    s = applyMove(s, 'refine');
    expect(s.phases.map((p) => p.status)).toEqual(['approved', 'writing', 'pending']);
  });

  it('a stopped or failed phase can be refined or approved as it is; a failure keeps its reason until the next try', () => {
    let s = applyMove(applyMove(fresh(), 'write'), 'fail', { error: 'throttled' });
    expect(currentPhase(s)).toMatchObject({ status: 'failed', error: 'throttled' });
    expect(refusal(s, 'refine')).toBeUndefined();
    s = applyMove(s, 'refine');
    expect(currentPhase(s)?.error).toBeUndefined();
    s = applyMove(s, 'stop');
    expect(refusal(s, 'approve')).toBeUndefined();
  });

  it('a phase left writing by a process that ended comes back stopped', () => {
    const s = recoverInterrupted(applyMove(fresh(), 'write'));
    expect(currentPhase(s)?.status).toBe('stopped');
    const review = applyMove(applyMove(fresh(), 'write'), 'finish');
    expect(recoverInterrupted(review)).toBe(review);
  });
});
