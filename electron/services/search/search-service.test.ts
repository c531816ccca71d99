import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../protocol';
import { WorkspaceFs } from '../workspace/workspace-fs';
import { HUGE_LINE_CHARS } from './rg-json';
import { SearchService } from './search-service';

let dir: string;
let service: SearchService;

function tree(files: Record<string, string | Buffer>) {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

async function find(query: SearchQuery) {
  return service.collect(query, 'test');
}

function paths(result: Awaited<ReturnType<typeof find>>) {
  return result.files.map((f) => f.path).sort();
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-search-'));
  service = new SearchService(await WorkspaceFs.open(dir));
});

afterEach(() => {
  service.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('SearchService', () => {
  it('groups matches by file with line numbers and UTF-16 match columns', async () => {
    tree({ 'a.txt': 'one apple\nno\nhéllo apple apple\n', 'sub/b.md': 'Apple pie\n', 'c.txt': 'nothing\n' });
    const r = await find({ pattern: 'apple' });
    expect(paths(r)).toEqual(['a.txt', 'sub/b.md']);
    const a = r.files.find((f) => f.path === 'a.txt')!;
    expect(a.lines).toEqual([
      { line: 1, text: 'one apple', ranges: [{ start: 4, end: 9 }] },
      { line: 3, text: 'héllo apple apple', ranges: [{ start: 6, end: 11 }, { start: 12, end: 17 }] },
    ]);
    expect(r.summary).toMatchObject({ matches: 4, files: 2, limitHit: false, cancelled: false });
  });

  it('honours match case, whole word and regex toggles', async () => {
    tree({ 'a.txt': 'Foo foo foobar\nx1 x22\n' });
    const count = async (q: SearchQuery) => (await find(q)).summary.matches;
    expect(await count({ pattern: 'foo' })).toBe(3);
    expect(await count({ pattern: 'Foo', matchCase: true })).toBe(1);
    expect(await count({ pattern: 'foo', wholeWord: true })).toBe(2);
    expect(await count({ pattern: 'x\\d+', isRegex: true })).toBe(2);
    expect(await count({ pattern: 'x\\d+' })).toBe(0); // literal when regex is off
  });

  it('applies include and exclude globs (a bare folder name covers its contents)', async () => {
    tree({ 'src/a.ts': 'needle', 'src/deep/b.ts': 'needle', 'docs/c.md': 'needle', 'd.ts': 'needle' });
    expect(paths(await find({ pattern: 'needle', include: '*.ts' }))).toEqual(['d.ts', 'src/a.ts', 'src/deep/b.ts']);
    expect(paths(await find({ pattern: 'needle', include: 'src' }))).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(paths(await find({ pattern: 'needle', exclude: 'src, *.md' }))).toEqual(['d.ts']);
  });

  it('respects .gitignore and .kiroignore, and searches ignored files when asked', async () => {
    tree({
      '.gitignore': 'build/\n',
      '.kiroignore': 'secret.txt\n',
      'build/out.js': 'needle',
      'secret.txt': 'needle',
      'kept.txt': 'needle',
      '.github/ci.yml': 'needle',
    });
    expect(paths(await find({ pattern: 'needle' }))).toEqual(['.github/ci.yml', 'kept.txt']);
    expect(paths(await find({ pattern: 'needle', useIgnoreFiles: false }))).toEqual([
      '.github/ci.yml',
      'build/out.js',
      'kept.txt',
      'secret.txt',
    ]);
  });

  it('skips binary files and huge lines, counting them', async () => {
    tree({
      'bin.dat': Buffer.from('needle\u0000needle\n'),
      'min.js': `${'x'.repeat(HUGE_LINE_CHARS + 1)} needle\nneedle short\n`,
    });
    const r = await find({ pattern: 'needle' });
    expect(r.files).toEqual([{ path: 'min.js', lines: [{ line: 2, text: 'needle short', ranges: [{ start: 0, end: 6 }] }] }]);
    expect(r.summary).toMatchObject({ binarySkipped: 1, hugeLinesSkipped: 1 });
  });

  it('stops at the cap and says there are more results', async () => {
    tree(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, 'hit hit hit\n'])));
    const r = await find({ pattern: 'hit', maxResults: 10 });
    expect(r.summary.matches).toBe(10);
    expect(r.summary.limitHit).toBe(true);
    expect(r.files.flatMap((f) => f.lines.flatMap((l) => l.ranges))).toHaveLength(10);
  });

  it('caps a single file with many matching lines too', async () => {
    tree({ 'big.log': 'hit\n'.repeat(5000) });
    const r = await find({ pattern: 'hit', maxResults: 7 });
    expect(r.files[0]?.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.summary).toMatchObject({ matches: 7, limitHit: true });
  });

  it('rejects an invalid regex before running ripgrep, and reports ripgrep’s own regex errors', async () => {
    await expect(service.start({ pattern: 'a(', isRegex: true })).rejects.toThrow(/Invalid regular expression: Unterminated group/);
    // Valid in JavaScript, but ripgrep (Rust regex / PCRE2) rejects it: the user still sees why.
    tree({ 'a.txt': 'a' });
    const r = await find({ pattern: '\\p{Foo}', isRegex: true });
    expect(r.summary.error).toBe('Invalid regular expression: Unicode property not found');
    expect(r.files).toEqual([]);
  });

  it('cancels the previous search of the same owner when a new one starts', async () => {
    tree(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`d${i % 20}/f${i}.txt`, 'needle\n'.repeat(50)])));
    const first = await service.start({ pattern: 'needle' }, 'page');
    const second = await service.start({ pattern: 'other' }, 'page');
    let batch = await service.next(first);
    while (!batch.done) batch = await service.next(first);
    expect(batch.summary.cancelled).toBe(true);
    expect(batch.summary.matches).toBeLessThan(100_000);
    let other = await service.next(second);
    while (!other.done) other = await service.next(second);
    expect(other.summary).toMatchObject({ cancelled: false, matches: 0 });
  });

  it('replaces in files atomically, returns the previous text for undo, and leaves non-matching files alone', async () => {
    tree({ 'a.txt': 'old value, old\n', 'b.txt': 'untouched\n' });
    const r = await service.replace({ pattern: 'old' }, 'new', [{ path: 'a.txt' }, { path: 'b.txt' }]);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('new value, new\n');
    expect(r.files).toEqual([{ path: 'a.txt', replaced: 2, previous: 'old value, old\n', version: expect.any(String) }]);
    expect(r.failed).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt']); // no temp file left behind
  });

  it('replaces a single match by its line and column, and expands regex groups', async () => {
    tree({ 'a.txt': 'x=1\nx=2\nx=3\n' });
    await service.replace({ pattern: 'x=(\\d)', isRegex: true }, 'y=$1$1', [{ path: 'a.txt', only: [{ line: 2, column: 0 }] }]);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('x=1\ny=22\nx=3\n');
    const preview = await service.preview({ pattern: '$' }, '$&', { path: 'a.txt' }, 'a $ b');
    expect(preview).toEqual({ original: 'a $ b', replaced: 'a $& b', count: 1 }); // plain mode: no $-expansion
  });

  it('reports a file that cannot be replaced without failing the others', async () => {
    tree({ 'a.txt': 'old', 'bin.dat': Buffer.from('old\u0000') });
    const r = await service.replace({ pattern: 'old' }, 'new', [{ path: 'bin.dat' }, { path: 'a.txt' }, { path: '../x' }]);
    expect(r.files.map((f) => f.path)).toEqual(['a.txt']);
    expect(r.failed.map((f) => f.path)).toEqual(['bin.dat', '../x']);
  });
});
