import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EDITABLE_BYTES } from './file-content';
import { WorkspaceFs } from './workspace-fs';

let dir: string;
let ws: WorkspaceFs;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-wsfs-'));
  ws = await WorkspaceFs.open(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytesOf = (rel: string) => readFile(path.join(ws.root, rel));

describe('byte-exact round trip through readFile → writeFile', () => {
  const cases: Array<[string, Buffer]> = [
    ['UTF-8 BOM + CRLF', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Title\r\n\r\nLine two\r\n')])],
    ['no final newline', Buffer.from('last line without newline')],
    ['mixed endings and trailing spaces', Buffer.from('a  \r\nb\nc\r\r\n  ')],
    ['non-ASCII text', Buffer.from('要件 1.1 — naïve café 🚀\n')],
    ['empty file', Buffer.alloc(0)],
  ];
  it.each(cases)('%s', async (_name, original) => {
    await writeFile(path.join(dir, 'f.md'), original);
    const file = await ws.readFile('f.md');
    expect(file.readOnly).toBe(false);
    expect(file.size).toBe(original.length);
    // The editor gets the exact characters: the BOM as U+FEFF, CR kept.
    expect(Buffer.from(file.content, 'utf8').equals(original)).toBe(true);
    const saved = await ws.writeFile('f.md', file.content, file.version);
    expect((await bytesOf('f.md')).equals(original)).toBe(true);
    expect(saved.version).toBe(file.version);
  });

  it('keeps the BOM visible to the editor and keeps it on save after an edit', async () => {
    await writeFile(path.join(dir, 'bom.txt'), Buffer.from('\ufeffhello\r\n', 'utf8'));
    const file = await ws.readFile('bom.txt');
    expect(file.content.charCodeAt(0)).toBe(0xfeff);
    await ws.writeFile('bom.txt', file.content.replace('hello', 'bye'), file.version);
    expect([...(await bytesOf('bom.txt'))]).toEqual([0xef, 0xbb, 0xbf, ...Buffer.from('bye\r\n')]);
  });
});

describe('read-only files', () => {
  it('opens a file with NUL bytes read-only with a notice and refuses to save text over it', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await writeFile(path.join(dir, 'logo.png'), png);
    const file = await ws.readFile('logo.png');
    expect(file).toMatchObject({ readOnly: true, content: '', size: png.length });
    expect(file.notice).toMatch(/binary/i);
    await expect(ws.writeFile('logo.png', 'oops', file.version)).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect((await bytesOf('logo.png')).equals(png)).toBe(true);
  });

  it('treats invalid UTF-8 (Latin-1 text) as read-only instead of mangling it', async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café" in Latin-1
    await writeFile(path.join(dir, 'old.txt'), latin1);
    const file = await ws.readFile('old.txt');
    expect(file.readOnly).toBe(true);
    expect(file.notice).toMatch(/UTF-8/);
  });

  it('does not load a file above 20 MB and says why', async () => {
    const big = path.join(dir, 'big.log');
    await writeFile(big, '');
    await truncate(big, MAX_EDITABLE_BYTES + 1); // sparse: no 20 MB written to disk
    const file = await ws.readFile('big.log');
    expect(file).toMatchObject({ readOnly: true, content: '', size: MAX_EDITABLE_BYTES + 1 });
    expect(file.notice).toMatch(/20 MB/);
  });
});

describe('conflicts', () => {
  it('answers CONFLICT when the file changed on disk since it was read, and keeps the disk bytes', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'v1');
    const file = await ws.readFile('a.txt');
    await writeFile(path.join(dir, 'a.txt'), 'changed elsewhere');
    await expect(ws.writeFile('a.txt', 'mine', file.version)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await bytesOf('a.txt')).toString()).toBe('changed elsewhere');
    // "Keep mine": overwrite without a version.
    await ws.writeFile('a.txt', 'mine');
    expect((await bytesOf('a.txt')).toString()).toBe('mine');
  });

  it('answers CONFLICT when the file was deleted meanwhile', async () => {
    await writeFile(path.join(dir, 'gone.txt'), 'x');
    const file = await ws.readFile('gone.txt');
    await rm(path.join(dir, 'gone.txt'));
    await expect(ws.writeFile('gone.txt', 'x', file.version)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a touch without a content change is not a conflict', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'same');
    const file = await ws.readFile('a.txt');
    await writeFile(path.join(dir, 'a.txt'), 'same');
    await expect(ws.writeFile('a.txt', 'new', file.version)).resolves.toMatchObject({ size: 3 });
  });

  it('the second of two saves from the same version conflicts', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'base');
    const { version } = await ws.readFile('a.txt');
    const results = await Promise.allSettled([ws.writeFile('a.txt', 'one', version), ws.writeFile('a.txt', 'two', version)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});

describe('atomic save', () => {
  it('keeps the file mode and leaves no temp files behind', async () => {
    await writeFile(path.join(dir, 'run.sh'), '#!/bin/sh\n');
    await chmod(path.join(dir, 'run.sh'), 0o755);
    const file = await ws.readFile('run.sh');
    await ws.writeFile('run.sh', '#!/bin/sh\necho hi\n', file.version);
    expect((await stat(path.join(dir, 'run.sh'))).mode & 0o777).toBe(0o755);
    expect(await readdir(dir)).toEqual(['run.sh']);
  });

  it('writes through a symlink that stays inside to its target', async () => {
    await writeFile(path.join(dir, 'real.txt'), 'a');
    await symlink('real.txt', path.join(dir, 'alias.txt'));
    await ws.writeFile('alias.txt', 'b');
    expect((await bytesOf('real.txt')).toString()).toBe('b');
  });

  it('refuses a save into a folder that does not exist', async () => {
    await expect(ws.writeFile('no/such/dir.txt', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('listing', () => {
  it('lists folders first, then files, in natural order, hiding .git', async () => {
    await mkdir(path.join(dir, 'src'));
    await mkdir(path.join(dir, '.git'));
    await mkdir(path.join(dir, 'Docs'));
    for (const f of ['file10.txt', 'file2.txt', 'a.md', 'B.md']) await writeFile(path.join(dir, f), '');
    const names = (await ws.list('')).map((e) => `${e.kind[0]}:${e.name}`);
    expect(names).toEqual(['d:Docs', 'd:src', 'f:a.md', 'f:B.md', 'f:file2.txt', 'f:file10.txt']);
  });

  it('reports symlinks by what they lead to when inside, as symlink when outside', async () => {
    await mkdir(path.join(dir, 'src'));
    await symlink('src', path.join(dir, 'src-link'));
    await symlink(os.tmpdir(), path.join(dir, 'tmp-link'));
    const entries = await ws.list('');
    expect(entries.find((e) => e.name === 'src-link')?.kind).toBe('directory');
    expect(entries.find((e) => e.name === 'tmp-link')?.kind).toBe('symlink');
    await expect(ws.list('tmp-link')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
  });

  it('gives typed errors for a missing folder and for a file', async () => {
    await writeFile(path.join(dir, 'f.txt'), '');
    await expect(ws.list('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ws.list('f.txt')).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
    await expect(ws.readFile('')).rejects.toMatchObject({ code: 'NOT_A_FILE' });
  });
});

describe('create, rename, delete', () => {
  it('creates a file with its folders and refuses to create it twice', async () => {
    const { version } = await ws.createFile('docs/new/notes.md', 'hello\r\n');
    expect((await bytesOf('docs/new/notes.md')).toString()).toBe('hello\r\n');
    expect((await ws.readFile('docs/new/notes.md')).version).toBe(version);
    await expect(ws.createFile('docs/new/notes.md', 'other')).rejects.toMatchObject({ code: 'EXISTS' });
    expect((await bytesOf('docs/new/notes.md')).toString()).toBe('hello\r\n');
  });

  it('creates a folder and refuses an existing one', async () => {
    await ws.createDirectory('a/b');
    expect((await stat(path.join(dir, 'a/b'))).isDirectory()).toBe(true);
    await expect(ws.createDirectory('a/b')).rejects.toMatchObject({ code: 'EXISTS' });
  });

  it('renames without ever replacing an existing file', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'A');
    await writeFile(path.join(dir, 'b.txt'), 'B');
    await expect(ws.rename('a.txt', 'b.txt')).rejects.toMatchObject({ code: 'EXISTS' });
    expect((await bytesOf('b.txt')).toString()).toBe('B');
    await ws.rename('a.txt', 'c.txt');
    expect((await bytesOf('c.txt')).toString()).toBe('A');
    await expect(ws.rename('missing.txt', 'd.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ws.rename('c.txt', '../c.txt')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
  });

  it('refuses to move a folder into itself', async () => {
    await mkdir(path.join(dir, 'a'));
    await expect(ws.rename('a', 'a/inner')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('deletes files and folders, and a symlink without touching its target', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'keel-outside-'));
    try {
      await writeFile(path.join(outside, 'keep.txt'), 'keep');
      await symlink(outside, path.join(dir, 'out'));
      await ws.delete('out');
      expect((await readFile(path.join(outside, 'keep.txt'))).toString()).toBe('keep');
      await ws.createFile('d/e/f.txt', 'x');
      await ws.delete('d');
      expect(await readdir(dir)).toEqual([]);
      await expect(ws.delete('d')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(ws.delete('')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
