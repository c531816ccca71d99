import { describe, expect, it } from 'vitest';
import { changeText, reviewOf } from './historyText';

const files = [{ path: 'src/a.js', kind: 'modify' as const, added: 2, removed: 1 }];

describe('run history cells', () => {
  it('says what became of the change: the review verdict with hunks applied, Autopilot, or nothing yet', () => {
    const review = { status: 'partial' as const, files: [{ path: 'src/a.js', hunksApplied: 1, hunksTotal: 2 }, { path: 'b.js', hunksApplied: 0, hunksTotal: 1 }] };
    expect(changeText({ mode: 'supervised', review, changesets: [{ reviewId: 'cs-1', summary: '', files }] })).toBe('partial · 1/3 hunks');
    expect(changeText({ mode: 'autopilot', changesets: [{ summary: '', files }] })).toBe('applied (Autopilot)');
    expect(changeText({ mode: 'supervised', changesets: [{ reviewId: 'cs-1', summary: '', files }] })).toBe('not decided');
    expect(changeText({ mode: 'supervised', changesets: [] })).toBe('—');
  });

  it('opens the last review the run registered', () => {
    expect(reviewOf({ changesets: [{ reviewId: 'cs-1', summary: '', files }, { summary: '', files }, { reviewId: 'cs-2', summary: '', files }] })).toBe('cs-2');
    expect(reviewOf({ changesets: [{ summary: '', files }] })).toBeUndefined();
  });
});
