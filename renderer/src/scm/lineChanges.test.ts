import { describe, expect, it } from 'vitest';
import { lineChanges } from './lineChanges';

const text = (...lines: string[]) => lines.map((l) => l + '\n').join('');

describe('lineChanges', () => {
  it('marks added, modified and deleted lines in the current text', () => {
    const base = text('a', 'b', 'c', 'd', 'e', 'f');
    const current = text('a', 'B', 'c', 'new1', 'new2', 'd', 'f');
    expect(lineChanges(base, current)).toEqual([
      { kind: 'modified', startLine: 2, endLine: 2 },
      { kind: 'added', startLine: 4, endLine: 5 },
      { kind: 'deleted', startLine: 6, endLine: 6 },
    ]);
  });

  it('reports nothing for equal texts (line endings aside) and a deletion at the top as line 0', () => {
    expect(lineChanges(text('a', 'b'), 'a\r\nb\r\n')).toEqual([]);
    expect(lineChanges(text('x', 'a'), text('a'))).toEqual([{ kind: 'deleted', startLine: 0, endLine: 0 }]);
  });

  it('treats every line of a new file as added', () => {
    expect(lineChanges('', text('a', 'b', 'c'))).toEqual([{ kind: 'added', startLine: 1, endLine: 3 }]);
  });
});
