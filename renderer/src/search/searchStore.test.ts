import { describe, expect, it } from 'vitest';
import type { FileMatches } from '../../../protocol';
import { countMatches, stepCursor } from './searchStore';

const files: FileMatches[] = [
  { path: 'a', lines: [{ line: 1, text: 'x x', ranges: [{ start: 0, end: 1 }, { start: 2, end: 3 }] }] },
  { path: 'b', lines: [{ line: 4, text: 'x', ranges: [{ start: 0, end: 1 }] }] },
];

describe('stepCursor (F4 / Shift+F4)', () => {
  it('walks every match in order across files and wraps around', () => {
    let c = stepCursor(files, null, 1);
    const seen = [c];
    for (let i = 0; i < 3; i++) seen.push((c = stepCursor(files, c, 1)));
    expect(seen).toEqual([
      { file: 0, line: 0, range: 0 },
      { file: 0, line: 0, range: 1 },
      { file: 1, line: 0, range: 0 },
      { file: 0, line: 0, range: 0 },
    ]);
  });

  it('goes backwards from the first match to the last', () => {
    expect(stepCursor(files, { file: 0, line: 0, range: 0 }, -1)).toEqual({ file: 1, line: 0, range: 0 });
    expect(stepCursor(files, null, -1)).toEqual({ file: 1, line: 0, range: 0 });
    expect(stepCursor([], null, 1)).toBeNull();
    expect(countMatches(files)).toBe(3);
  });
});
