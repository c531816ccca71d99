import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../node/workspace-fs';
import { Changeset, readOrNull } from './changeset';
import { overlaySearch } from './file-changes';

async function setup(): Promise<{ root: string; ws: NodeWorkspace; cs: Changeset }> {
  const root = await mkdtemp(join(tmpdir(), 'keel-cs-'));
  await writeFile(join(root, 'a.txt'), 'one\ntwo\n');
  return { root, ws: await NodeWorkspace.open(root), cs: new Changeset() };
}

describe('Changeset', () => {
  it('folds several edits of one file into one diff against the first original', async () => {
    const { ws, cs } = await setup();
    await cs.propose('a.txt', 'one\n2\n', () => readOrNull(ws, 'a.txt'));
    await cs.propose('a.txt', 'one\n2\nthree\n', () => readOrNull(ws, 'a.txt'));
    expect(cs.list()).toEqual([{ path: 'a.txt', original: 'one\ntwo\n', proposed: 'one\n2\nthree\n' }]);
    expect(cs.summary()).toEqual([{ path: 'a.txt', kind: 'modify', added: 2, removed: 1 }]);
  });

  it('an edit back to the original leaves nothing to review', async () => {
    const { ws, cs } = await setup();
    await cs.propose('a.txt', 'x', () => readOrNull(ws, 'a.txt'));
    await cs.propose('a.txt', 'one\ntwo\n', () => readOrNull(ws, 'a.txt'));
    expect(cs.list()).toEqual([]);
  });

  it('accept writes the bytes; reject drops them', async () => {
    const { root, ws, cs } = await setup();
    await cs.propose('a.txt', 'accepted\n', () => readOrNull(ws, 'a.txt'));
    await cs.propose('b.txt', 'rejected\n', () => readOrNull(ws, 'b.txt'));
    expect(await cs.accept(ws, ['a.txt'])).toEqual({ applied: ['a.txt'], conflicts: [] });
    expect(cs.reject()).toEqual(['b.txt']);
    expect(await readFile(join(root, 'a.txt'), 'utf8')).toBe('accepted\n');
    await expect(readFile(join(root, 'b.txt'))).rejects.toThrow();
  });

  it('never overwrites a file the user changed after the proposal', async () => {
    const { root, ws, cs } = await setup();
    await cs.propose('a.txt', 'agent\n', () => readOrNull(ws, 'a.txt'));
    await writeFile(join(root, 'a.txt'), 'user typed this\n');
    const r = await cs.accept(ws);
    expect(r.applied).toEqual([]);
    expect(r.conflicts[0]?.message).toMatch(/a.txt changed on disk/);
    expect(await readFile(join(root, 'a.txt'), 'utf8')).toBe('user typed this\n');
    expect(cs.has('a.txt')).toBe(true);
  });
});

describe('overlaySearch', () => {
  it('searches pending files in their proposed text, the rest on disk, in path order, within the limit', async () => {
    const changeset = new Changeset([
      { path: 'b.ts', original: 'old line\n', proposed: 'new line\nnew again\n' },
      { path: 'gone.ts', original: 'new but deleted\n', proposed: null },
    ]);
    const disk = { search: async () => [{ path: 'a.ts', line: 3, text: 'new a' }, { path: 'b.ts', line: 1, text: 'old line' }, { path: 'gone.ts', line: 1, text: 'new but deleted' }] };
    const search = overlaySearch(disk, changeset);
    expect(await search.search({ pattern: 'new', caseSensitive: false, maxResults: 10 })).toEqual([
      { path: 'a.ts', line: 3, text: 'new a' },
      { path: 'b.ts', line: 1, text: 'new line' },
      { path: 'b.ts', line: 2, text: 'new again' },
    ]);
    expect(await search.search({ pattern: 'new', caseSensitive: false, maxResults: 2 })).toHaveLength(2);
    expect(await search.search({ pattern: 'new', caseSensitive: false, maxResults: 10, exclude: 'b.ts' })).toEqual([{ path: 'a.ts', line: 3, text: 'new a' }]);
  });
});
