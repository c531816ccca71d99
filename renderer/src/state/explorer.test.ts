import { describe, expect, it } from 'vitest';
import type { DirEntry } from '../../../protocol';
import { createExplorerStore, parentOf, sortEntries } from './explorer';

const file = (path: string): DirEntry => ({ name: path.split('/').pop()!, path, kind: 'file' });
const dir = (path: string): DirEntry => ({ name: path.split('/').pop()!, path, kind: 'directory' });

function setup(tree: Record<string, DirEntry[]>) {
  const calls: string[] = [];
  const store = createExplorerStore(async (d) => {
    calls.push(d);
    const entries = tree[d];
    if (!entries) throw new Error(`No such folder: ${d}`);
    return entries;
  });
  return { store, calls, tree };
}

describe('explorer tree', () => {
  it('sorts folders first, then names in natural order', () => {
    const sorted = sortEntries([file('b10.txt'), file('b2.txt'), dir('z'), file('A.md'), dir('a')]);
    expect(sorted.map((e) => e.name)).toEqual(['a', 'z', 'A.md', 'b2.txt', 'b10.txt']);
    expect(parentOf('a/b/c.txt')).toBe('a/b');
    expect(parentOf('c.txt')).toBe('');
  });

  it('lists a folder only when it is first expanded', async () => {
    const { store, calls } = setup({ '': [dir('src')], src: [file('src/a.ts')] });
    await store.getState().load('');
    expect(calls).toEqual(['']);
    await store.getState().toggle('src');
    expect(store.getState().children.src?.map((e) => e.path)).toEqual(['src/a.ts']);
    await store.getState().toggle('src');
    await store.getState().toggle('src');
    expect(calls).toEqual(['', 'src']);
    expect(store.getState().expanded.src).toBe(true);
  });

  it('re-lists only the listed folders a change touches', async () => {
    const { store, calls, tree } = setup({ '': [dir('src')], src: [file('src/a.ts')] });
    await store.getState().load('');
    await store.getState().expand('src');
    tree.src = [file('src/a.ts'), file('src/b.ts')];
    await store.getState().applyChanges([
      { type: 'created', path: 'src/b.ts', isDirectory: false },
      { type: 'created', path: 'other/deep/x.ts', isDirectory: false },
    ]);
    expect(calls).toEqual(['', 'src', 'src']);
    expect(store.getState().children.src?.map((e) => e.name)).toEqual(['a.ts', 'b.ts']);
  });

  it('forgets a deleted folder and the selection inside it', async () => {
    const { store, tree } = setup({ '': [dir('src')], src: [file('src/a.ts')] });
    await store.getState().load('');
    await store.getState().expand('src');
    store.getState().select('src/a.ts');
    tree[''] = [];
    await store.getState().applyChanges([{ type: 'deleted', path: 'src', isDirectory: true }]);
    expect(store.getState().children.src).toBeUndefined();
    expect(store.getState().children['']).toEqual([]);
    expect(store.getState().selected).toBeNull();
  });

  it('keeps the error of a folder that cannot be listed', async () => {
    const { store } = setup({});
    await store.getState().load('');
    expect(store.getState().errors['']).toMatch(/No such folder/);
    expect(store.getState().loading['']).toBeUndefined();
  });
});
