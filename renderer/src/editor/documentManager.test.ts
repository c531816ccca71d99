import { describe, expect, it } from 'vitest';
import { RequestError, type Client } from '../../../protocol';
import { createDocumentsStore } from '../state/documents';
import { DocumentManager, type TextBuffer } from './documentManager';
import { BOM, detectEol } from './textCodec';

/** A buffer that, like Monaco, normalises line endings to the dominant one and drops nothing else. */
class FakeBuffer implements TextBuffer {
  readonly handle = null;
  private alt = 1;
  private nextAlt = 2;
  private listeners = new Set<() => void>();
  readonly undo: string[] = [];
  private readonly lineEnd: string;
  constructor(
    public path: string,
    private text: string,
  ) {
    this.lineEnd = detectEol(text) === 'CRLF' ? '\r\n' : '\n';
    this.text = text.replace(/\r?\n/g, this.lineEnd);
  }
  getText() {
    return this.text;
  }
  altVersion() {
    return this.alt;
  }
  type(text: string) {
    this.undo.push(this.text);
    this.text = text;
    this.alt = this.nextAlt++;
    for (const l of this.listeners) l();
  }
  replaceAll(body: string) {
    this.type(body.replace(/\r?\n/g, this.lineEnd));
  }
  eol() {
    return this.lineEnd === '\r\n' ? ('CRLF' as const) : ('LF' as const);
  }
  onDidChange(l: () => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  setPath(path: string) {
    this.path = path;
  }
  dispose() {}
}

function setup(files: Record<string, string>) {
  const disk = new Map<string, { content: string; version: string }>();
  let v = 0;
  const put = (path: string, content: string) => disk.set(path, { content, version: `v${++v}` });
  for (const [p, c] of Object.entries(files)) put(p, c);
  const writes: { path: string; content: string; expectedVersion?: string }[] = [];
  const client = {
    async request(channel: string, payload: { path: string; content?: string; expectedVersion?: string }) {
      const file = disk.get(payload.path);
      if (channel === 'workspace/readFile') {
        if (!file) throw new RequestError('NOT_FOUND', 'gone', channel);
        return { path: payload.path, ...file, size: file.content.length, readOnly: false };
      }
      if (channel === 'workspace/writeFile') {
        if (payload.expectedVersion !== undefined && payload.expectedVersion !== file?.version) {
          throw new RequestError('CONFLICT', 'changed on disk', channel);
        }
        writes.push({ path: payload.path, content: payload.content!, expectedVersion: payload.expectedVersion });
        put(payload.path, payload.content!);
        return { version: disk.get(payload.path)!.version, size: payload.content!.length };
      }
      throw new Error(`unexpected ${channel}`);
    },
    on: () => () => {},
  } as unknown as Client;
  const store = createDocumentsStore();
  const buffers = new Map<string, FakeBuffer>();
  const manager = new DocumentManager(client, store, async () => (path, body) => {
    const b = new FakeBuffer(path, body);
    buffers.set(path, b);
    return b;
  });
  const errors: unknown[] = [];
  manager.onError = (_p, e) => errors.push(e);
  const meta = (p: string) => store.getState().docs[p]!;
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { disk, put, writes, manager, buffers, meta, settle, errors };
}

describe('document manager', () => {
  it('opens a file without its BOM in the buffer and reports encoding and EOL', async () => {
    const t = setup({ 'a.txt': `${BOM}x\r\ny\r\n` });
    await t.manager.openFile('a.txt');
    expect(t.buffers.get('a.txt')!.getText()).toBe('x\r\ny\r\n');
    expect(t.meta('a.txt')).toMatchObject({ status: 'ready', bom: true, eol: 'CRLF', dirty: false });
  });

  it('saves edits with the BOM and the expected version, and an unedited mixed-EOL file keeps its bytes', async () => {
    const t = setup({ 'a.txt': `${BOM}one\r\ntwo\nthree\r\n`, 'b.txt': 'p\r\nq\nr\r\n' });
    await t.manager.openFile('a.txt');
    await t.manager.openFile('b.txt');
    const b = t.buffers.get('a.txt')!;
    b.type(`${b.getText()}four`);
    expect(t.meta('a.txt').dirty).toBe(true);
    expect(await t.manager.save('a.txt')).toBe(true);
    expect(t.writes[0]).toEqual({ path: 'a.txt', content: `${BOM}one\r\ntwo\r\nthree\r\nfour`, expectedVersion: 'v1' });
    expect(t.meta('a.txt').dirty).toBe(false);
    // An unedited file is not rewritten on save; Keep mine on it writes the original bytes, not Monaco's normalised ones.
    expect(await t.manager.save('b.txt')).toBe(true);
    expect(t.writes).toHaveLength(1);
    await t.manager.keepMine('b.txt');
    expect(t.writes[1]!.content).toBe('p\r\nq\nr\r\n');
  });

  it('reloads a clean editor silently when the file changes on disk', async () => {
    const t = setup({ 'a.txt': 'old' });
    await t.manager.openFile('a.txt');
    t.put('a.txt', 'new');
    t.manager.handleChanges([{ type: 'changed', path: 'a.txt', isDirectory: false }]);
    await t.settle();
    expect(t.buffers.get('a.txt')!.getText()).toBe('new');
    expect(t.meta('a.txt')).toMatchObject({ dirty: false, conflict: null });
  });

  it('ignores the change event caused by its own save', async () => {
    const t = setup({ 'a.txt': 'old' });
    await t.manager.openFile('a.txt');
    t.buffers.get('a.txt')!.type('mine');
    const saved = t.manager.save('a.txt');
    t.manager.handleChanges([{ type: 'changed', path: 'a.txt', isDirectory: false }]);
    await saved;
    await t.settle();
    expect(t.meta('a.txt')).toMatchObject({ dirty: false, conflict: null });
  });

  it('keeps unsaved edits and raises a conflict when the file changes underneath; both texts stay reachable', async () => {
    const t = setup({ 'a.txt': 'base' });
    await t.manager.openFile('a.txt');
    const b = t.buffers.get('a.txt')!;
    b.type('mine');
    t.put('a.txt', 'theirs');
    t.manager.handleChanges([{ type: 'changed', path: 'a.txt', isDirectory: false }]);
    await t.settle();
    expect(b.getText()).toBe('mine');
    expect(t.meta('a.txt').conflict).toMatchObject({ reason: 'changed', theirs: 'theirs' });
    // Saving does not overwrite while the conflict is open.
    expect(await t.manager.save('a.txt')).toBe(false);
    expect(t.disk.get('a.txt')!.content).toBe('theirs');
    // Take theirs: the buffer shows the disk text, and Undo still has mine.
    expect(await t.manager.takeTheirs('a.txt')).toBe(true);
    expect(b.getText()).toBe('theirs');
    expect(b.undo).toContain('mine');
    expect(t.meta('a.txt')).toMatchObject({ conflict: null, dirty: false });
  });

  it('treats a disk change that equals the unsaved text as a save, not a conflict', async () => {
    const t = setup({ 'a.txt': 'base' });
    await t.manager.openFile('a.txt');
    t.buffers.get('a.txt')!.type('same');
    t.put('a.txt', 'same');
    t.manager.handleChanges([{ type: 'changed', path: 'a.txt', isDirectory: false }]);
    await t.settle();
    expect(t.meta('a.txt')).toMatchObject({ conflict: null, dirty: false });
  });

  it('a save that finds a newer file shows the conflict; keep mine then overwrites', async () => {
    const t = setup({ 'a.txt': 'base' });
    await t.manager.openFile('a.txt');
    t.buffers.get('a.txt')!.type('mine');
    t.put('a.txt', 'theirs'); // changed on disk, event not yet delivered
    expect(await t.manager.save('a.txt')).toBe(false);
    expect(t.meta('a.txt').conflict).toMatchObject({ reason: 'saveRejected', theirs: 'theirs' });
    expect(t.disk.get('a.txt')!.content).toBe('theirs');
    expect(await t.manager.keepMine('a.txt')).toBe(true);
    expect(t.disk.get('a.txt')!.content).toBe('mine');
    expect(t.writes.at(-1)!.expectedVersion).toBeUndefined();
    expect(t.meta('a.txt')).toMatchObject({ conflict: null, dirty: false });
  });

  it('marks a deleted file and recreates it on save', async () => {
    const t = setup({ 'dir/a.txt': 'keep me' });
    await t.manager.openFile('dir/a.txt');
    t.disk.delete('dir/a.txt');
    t.manager.handleChanges([{ type: 'deleted', path: 'dir', isDirectory: true }]);
    await t.settle();
    expect(t.meta('dir/a.txt').deletedOnDisk).toBe(true);
    expect(t.buffers.get('dir/a.txt')!.getText()).toBe('keep me');
    expect(await t.manager.save('dir/a.txt')).toBe(true);
    expect(t.disk.get('dir/a.txt')!.content).toBe('keep me');
    expect(t.meta('dir/a.txt').deletedOnDisk).toBe(false);
  });

  it('shows an error state for a file that cannot be read', async () => {
    const t = setup({});
    await t.manager.openFile('missing.txt');
    expect(t.meta('missing.txt')).toMatchObject({ status: 'error', error: 'gone' });
  });

  it('never writes once the host closed the folder (paths would land in the next folder)', async () => {
    const t = setup({ 'a.txt': 'x' });
    await t.manager.openFile('a.txt');
    t.buffers.get('a.txt')!.type('y');
    t.manager.freeze();
    expect(await t.manager.save('a.txt')).toBe(false);
    expect(await t.manager.keepMine('a.txt')).toBe(false);
    expect(t.writes).toEqual([]);
    expect(t.errors).toHaveLength(2);
    expect(t.buffers.get('a.txt')!.getText()).toBe('y');
  });

  it('follows a rename and saves to the new path', async () => {
    const t = setup({ 'src/a.txt': 'x' });
    await t.manager.openFile('src/a.txt');
    t.put('lib/a.txt', 'x');
    t.manager.rename('src', 'lib');
    t.buffers.get('src/a.txt')!.type('y');
    expect(t.meta('lib/a.txt').dirty).toBe(true);
    await t.manager.keepMine('lib/a.txt');
    expect(t.disk.get('lib/a.txt')!.content).toBe('y');
  });
});
