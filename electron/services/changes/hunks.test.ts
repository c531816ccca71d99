import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, diffFile, matchConventions, type HunkDecision } from './hunks';

const original = 'one\ntwo\nthree\nfour\nfive\nsix\n';
const proposed = 'one\nTWO\nthree\nfour\nfive\nsix\nseven\n';

describe('diffFile / compose', () => {
  it('gives one hunk per change block with line positions on both sides', () => {
    const { hunks } = diffFile(original, proposed);
    expect(hunks.map((h) => [h.originalStart, h.originalLines, h.proposedStart, h.proposedLines])).toEqual([
      [2, 1, 2, 1],
      [7, 0, 7, 1],
    ]);
  });

  it('accepting one hunk and rejecting the other applies exactly that hunk', () => {
    const diff = diffFile(original, proposed);
    expect(compose(diff, ['accepted', 'rejected'])).toBe('one\nTWO\nthree\nfour\nfive\nsix\n');
    expect(compose(diff, ['rejected', 'accepted'])).toBe('one\ntwo\nthree\nfour\nfive\nsix\nseven\n');
    expect(compose(diff, ['accepted', 'accepted'])).toBe(proposed);
    expect(compose(diff, ['pending', 'pending'])).toBe(original);
  });

  it('keeps CRLF, a BOM and a missing final newline byte for byte', () => {
    const a = '\uFEFFalpha\r\nbeta\r\ngamma\r\nend';
    const b = '\uFEFFALPHA\r\nbeta\r\nGAMMA\r\nend';
    const diff = diffFile(a, b);
    expect(diff.hunks).toHaveLength(2);
    expect(compose(diff, ['accepted', 'rejected'])).toBe('\uFEFFALPHA\r\nbeta\r\ngamma\r\nend');
    expect(compose(diff, ['rejected', 'accepted'])).toBe('\uFEFFalpha\r\nbeta\r\nGAMMA\r\nend');
  });

  it('any mix of decisions rebuilds the original or the proposal exactly at the extremes', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '', 'x y'), { maxLength: 12 }).map((lines) => lines.join('\n'));
    const eol = fc.constantFrom('\n', '\r\n');
    fc.assert(
      fc.property(text, text, eol, (a, b, nl) => {
        const before = a.replace(/\n/g, nl);
        const after = b.replace(/\n/g, nl);
        const diff = diffFile(before, after);
        const all = (d: HunkDecision) => diff.hunks.map(() => d);
        expect(compose(diff, all('accepted'))).toBe(after);
        expect(compose(diff, all('rejected'))).toBe(before);
      }),
    );
  });
});

describe('matchConventions', () => {
  it('gives an LF proposal the CRLF and BOM of the original', () => {
    expect(matchConventions('\uFEFFa\r\nb\r\n', 'a\nc\n')).toBe('\uFEFFa\r\nc\r\n');
    // A replace inside a CRLF file: the untouched lines kept CRLF, the new ones came with LF.
    expect(matchConventions('a\r\nb\r\n', 'a\r\nnew\nlines\r\n')).toBe('a\r\nnew\r\nlines\r\n');
  });

  it('leaves mixed or LF files and new or deleted files alone', () => {
    expect(matchConventions('a\r\nb\n', 'a\nc\n')).toBe('a\nc\n');
    expect(matchConventions('a\nb\n', 'a\r\nc\r\n')).toBe('a\r\nc\r\n');
    expect(matchConventions(null, 'new\n')).toBe('new\n');
    expect(matchConventions('gone\n', null)).toBeNull();
  });
});
