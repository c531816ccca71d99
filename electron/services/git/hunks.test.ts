import { describe, expect, it } from 'vitest';
import { hunkPatch, splitDiff } from './hunks';

const diff = [
  'diff --git a/f.txt b/f.txt',
  'index 1111111..2222222 100644',
  '--- a/f.txt',
  '+++ b/f.txt',
  '@@ -1,3 +1,3 @@',
  ' a',
  '-b',
  '+B',
  ' c',
  '@@ -10 +10,2 @@ section',
  ' j',
  '+k\r',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('splitDiff', () => {
  it('separates the file header from each hunk with its ranges', () => {
    const split = splitDiff(diff);
    expect(split.fileHeader).toBe('diff --git a/f.txt b/f.txt\nindex 1111111..2222222 100644\n--- a/f.txt\n+++ b/f.txt\n');
    expect(split.hunks.map(({ text: _t, id: _i, ...h }) => h)).toEqual([
      { index: 0, header: '@@ -1,3 +1,3 @@', oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, changedStart: 2, changedEnd: 2 },
      { index: 1, header: '@@ -10 +10,2 @@ section', oldStart: 10, oldLines: 1, newStart: 10, newLines: 2, changedStart: 11, changedEnd: 11 },
    ]);
  });

  it('keeps every byte of a hunk (CR and the no-newline marker) in its single-hunk patch', () => {
    const split = splitDiff(diff);
    const second = split.hunks[1]!;
    expect(hunkPatch(split, second)).toBe(split.fileHeader + '@@ -10 +10,2 @@ section\n j\n+k\r\n\\ No newline at end of file\n');
  });

  it('fingerprints hunks by content: the same text gives the same id, a changed line another', () => {
    const a = splitDiff(diff).hunks[0]!.id;
    expect(splitDiff(diff).hunks[0]!.id).toBe(a);
    expect(splitDiff(diff.replace('+B', '+BB')).hunks[0]!.id).not.toBe(a);
  });
});
