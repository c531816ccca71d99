import { describe, expect, it } from 'vitest';
import { fileState } from './ReviewFileList';

const hunk = (decision: 'pending' | 'accepted' | 'rejected', index = 0) => ({ index, originalStart: 1, originalLines: 1, proposedStart: 1, proposedLines: 1, decision });

describe('review file state', () => {
  it('counts decisions; a settled review calls undecided hunks not applied', () => {
    expect(fileState({ hunks: [hunk('accepted'), hunk('pending', 1)] })).toBe('1 of 2 accepted');
    expect(fileState({ hunks: [hunk('rejected'), hunk('rejected', 1)] })).toBe('rejected');
    expect(fileState({ hunks: [hunk('pending')] })).toBe('undecided');
    expect(fileState({ hunks: [hunk('pending')] }, false)).toBe('not applied');
    expect(fileState({ hunks: [] })).toBe('no changes');
  });
});
