import { describe, expect, it } from 'vitest';
import { applyLineEdits } from './edits';
import { dominantEol, joinLines, splitLines } from './lines';
import { scanMarkdown } from './markdown-scan';

describe('splitLines', () => {
  it('keeps every line ending, including mixed ones and a missing final newline', () => {
    const text = 'a\r\nb\nc\rd';
    const lines = splitLines(text);
    expect(lines.map((l) => [l.text, l.eol, l.offset])).toEqual([['a', '\r\n', 0], ['b', '\n', 3], ['c', '\r', 5], ['d', '', 7]]);
    expect(joinLines(lines)).toBe(text);
    expect(splitLines('')).toEqual([]);
    expect(joinLines(splitLines('\n\n'))).toBe('\n\n');
  });

  it('finds the dominant line ending', () => {
    expect(dominantEol(splitLines('a\r\nb\r\nc\n'))).toBe('\r\n');
    expect(dominantEol(splitLines('a'))).toBe('\n');
  });
});

describe('applyLineEdits', () => {
  it('gives new lines the file’s ending and keeps a missing final newline missing', () => {
    const src = 'a\r\nb';
    const lines = splitLines(src);
    expect(applyLineEdits(src, lines, [{ start: 2, deleteCount: 0, insert: ['c'] }]).text).toBe('a\r\nb\r\nc');
    expect(applyLineEdits(src, lines, [{ start: 1, deleteCount: 1, insert: [] }]).text).toBe('a');
    expect(applyLineEdits(src, lines, [{ start: 0, deleteCount: 1, insert: ['x', 'y'] }]).text).toBe('x\r\ny\r\nb');
  });

  it('reports only the changed range', () => {
    const src = 'one\ntwo\nthree\n';
    const r = applyLineEdits(src, splitLines(src), [{ start: 1, deleteCount: 1, insert: ['TWO'] }]);
    expect(r.changes).toEqual([{ start: 4, end: 8, text: 'TWO\n' }]);
  });
});

describe('scanMarkdown', () => {
  it('hides fences (``` and ~~~, longer closers, unclosed), comments and front matter; finds headings', () => {
    const lines = splitLines('---\na: 1\n---\n# Title\n````\n```\n## not a heading\n````\n<!-- x\n# hidden\n-->\n## Real ##\n~~~\nopen');
    const scan = scanMarkdown(lines, { frontMatter: true });
    expect(scan.frontMatter).toEqual({ start: 0, end: 2 });
    expect(scan.headings.map((h) => [h.line, h.level, h.text])).toEqual([[3, 1, 'Title'], [11, 2, 'Real']]);
    expect(scan.hidden).toEqual([true, true, true, false, true, true, true, true, true, true, true, false, true, true]);
    expect(scan.diagnostics.map((d) => [d.code, d.line])).toEqual([['markdown/unclosed-fence', 12]]);
  });
});
