import { describe, expect, it } from 'vitest';
import { nextUndecided, stepHunk } from './reviewNav';

const files = [
  { hunks: [{ decision: 'accepted' }, { decision: 'pending' }] },
  { hunks: [] },
  { hunks: [{ decision: 'rejected' }, { decision: 'pending' }] },
];

describe('hunk navigation', () => {
  it('moves through the hunks of every file and wraps around at both ends', () => {
    expect(stepHunk(files, null, 1)).toEqual({ file: 0, hunk: 0 });
    expect(stepHunk(files, { file: 0, hunk: 1 }, 1)).toEqual({ file: 2, hunk: 0 });
    expect(stepHunk(files, { file: 2, hunk: 1 }, 1)).toEqual({ file: 0, hunk: 0 });
    expect(stepHunk(files, { file: 0, hunk: 0 }, -1)).toEqual({ file: 2, hunk: 1 });
    expect(stepHunk(files, null, -1)).toEqual({ file: 2, hunk: 1 });
  });

  it('from a selected file without a current hunk, Next starts at that file', () => {
    expect(stepHunk(files, { file: 2, hunk: -1 }, 1)).toEqual({ file: 2, hunk: 0 });
    expect(stepHunk([{ hunks: [] }], null, 1)).toBeNull();
  });

  it('after a decision, goes to the next undecided hunk and stops when all are decided', () => {
    expect(nextUndecided(files, { file: 0, hunk: 1 })).toEqual({ file: 2, hunk: 1 });
    expect(nextUndecided(files, { file: 2, hunk: 1 })).toEqual({ file: 0, hunk: 1 });
    expect(nextUndecided([{ hunks: [{ decision: 'accepted' }] }], { file: 0, hunk: 0 })).toBeNull();
  });
});
