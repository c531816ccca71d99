import { describe, expect, it } from 'vitest';
import { matchLines, overlayDirty, searchRegExp } from './dirtyOverlay';

const q = { pattern: 'old', isRegex: false, matchCase: false, wholeWord: false };

describe('searching unsaved editor text', () => {
  it('finds matches by line with columns, CRLF and all', () => {
    expect(matchLines('x old\r\nOLD old\r\nnone', searchRegExp(q)!)).toEqual([
      { line: 1, text: 'x old', ranges: [{ start: 2, end: 5 }] },
      { line: 2, text: 'OLD old', ranges: [{ start: 0, end: 3 }, { start: 4, end: 7 }] },
    ]);
  });

  it('replaces a dirty file’s disk results with its editor’s, dropping it when nothing matches any more', () => {
    const disk = [
      { path: 'a.txt', lines: [{ line: 1, text: 'old', ranges: [{ start: 0, end: 3 }] }] },
      { path: 'b.txt', lines: [{ line: 1, text: 'old', ranges: [{ start: 0, end: 3 }] }] },
      { path: 'c.txt', lines: [{ line: 1, text: 'old', ranges: [{ start: 0, end: 3 }] }] },
    ];
    const dirty: Record<string, string> = { 'a.txt': 'new\nstill old here', 'b.txt': 'all new' };
    expect(overlayDirty(disk, q, (p) => dirty[p])).toEqual([
      { path: 'a.txt', lines: [{ line: 2, text: 'still old here', ranges: [{ start: 6, end: 9 }] }] },
      disk[2],
    ]);
  });

  it('skips empty matches instead of looping', () => {
    expect(matchLines('abc', searchRegExp({ ...q, isRegex: true, pattern: 'x*' })!)).toEqual([]);
  });
});
