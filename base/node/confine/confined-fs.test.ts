import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfinedFs } from './confined-fs';
import { ConfinementError } from './paths';
import { insideAndOutside } from './test-support';

async function setup() {
  const dirs = await insideAndOutside();
  await symlink(path.join(dirs.outside, 'secret.txt'), path.join(dirs.root, 'out-link.txt'));
  await symlink(dirs.outside, path.join(dirs.root, 'out-dir'));
  return { ...dirs, fs: await ConfinedFs.open(dirs.root) };
}

describe('ConfinedFs', () => {
  it.each(['../x', '/etc/passwd', 'C:\\x', 'c:x', 'a\0b', 'a/../../x', '\\\\server\\share'])('refuses %j before touching the disk', async (p) => {
    const { fs } = await setup();
    await expect(fs.readFile(p)).rejects.toBeInstanceOf(ConfinementError);
    await expect(fs.writeAtomic(p, Buffer.from('x'))).rejects.toBeInstanceOf(ConfinementError);
  });

  it.skipIf(process.platform === 'win32')('treats a back slash as part of a name outside Windows', async () => {
    const { fs, root } = await setup();
    await fs.writeAtomic('..\\x', Buffer.from('x'));
    expect(await readFile(path.join(root, '..\\x'), 'utf8')).toBe('x');
  });

  it('reads and writes through a symlink that stays inside; the link stays a link', async () => {
    const { fs, root } = await setup();
    expect((await fs.readFile('link.txt')).bytes?.toString()).toBe('inside\n');
    await fs.writeAtomic('link.txt', Buffer.from('changed\n'));
    expect(await readFile(path.join(root, 'inside.txt'), 'utf8')).toBe('changed\n');
    expect((await lstat(path.join(root, 'link.txt'))).isSymbolicLink()).toBe(true);
    expect((await fs.readFile('dir/f.txt')).bytes?.toString()).toBe('inside dir\n');
  });

  it('refuses every operation through a link that leads outside, and the outside stays untouched', async () => {
    const { fs, outside } = await setup();
    for (const p of ['out-link.txt', 'out-dir/f.txt', 'out-dir/new.txt', 'out-dir']) {
      await expect(fs.readFile(p), p).rejects.toBeInstanceOf(ConfinementError);
      await expect(fs.writeAtomic(p, Buffer.from('x')), p).rejects.toBeInstanceOf(ConfinementError);
      await expect(fs.stat(p), p).rejects.toBeInstanceOf(ConfinementError);
    }
    await expect(fs.list('out-dir')).rejects.toBeInstanceOf(ConfinementError);
    await expect(fs.mkdirs('out-dir/sub')).rejects.toBeInstanceOf(ConfinementError);
    await expect(fs.createExclusive('out-dir/new.txt')).rejects.toBeInstanceOf(ConfinementError);
    await expect(fs.realDirectory('out-dir')).rejects.toBeInstanceOf(ConfinementError);
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('OUTSIDE SECRET\n');
    await expect(stat(path.join(outside, 'new.txt'))).rejects.toThrow();
  });

  it('removes and renames a link itself, never what it points to', async () => {
    const { fs, root, outside } = await setup();
    await fs.rename('out-link.txt', 'moved-link.txt');
    expect(await readlink(path.join(root, 'moved-link.txt'))).toBe(path.join(outside, 'secret.txt'));
    await fs.remove('moved-link.txt');
    await fs.remove('out-dir');
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('OUTSIDE SECRET\n');
    expect((await stat(outside)).isDirectory()).toBe(true);
  });

  it('keeps the mode of a replaced file and leaves no temp file', async () => {
    const { fs, root } = await setup();
    await chmod(path.join(root, 'inside.txt'), 0o750);
    const seen: string[] = [];
    await fs.writeAtomic('inside.txt', Buffer.from('x'), { onTemp: (abs, phase) => seen.push(`${phase}:${path.basename(abs)}`) });
    expect((await stat(path.join(root, 'inside.txt'))).mode & 0o777).toBe(0o750);
    expect(seen).toEqual([expect.stringMatching(/^created:\.inside\.txt\.keel-\d+-[0-9a-f]{8}\.tmp$/), expect.stringMatching(/^released:/)]);
    expect((await fs.list('')).map((d) => d.name).sort()).toEqual(['dir', 'inside.txt', 'link.txt', 'out-dir', 'out-link.txt', 'real-dir']);
  });

  it('creates folders level by level, claims names exclusively, and reports a file used as a folder', async () => {
    const { fs, root } = await setup();
    await fs.mkdirs('a/b/c');
    expect((await stat(path.join(root, 'a/b/c'))).isDirectory()).toBe(true);
    await fs.createExclusive('a/b/c/new.txt', Buffer.from('n'));
    await expect(fs.createExclusive('a/b/c/new.txt')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(fs.createExclusive('out-link.txt')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(fs.readFile('inside.txt/x')).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(fs.readFile('missing.txt')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.skipIf(process.platform === 'win32')('opens a FIFO without blocking and reports it as no regular file', async () => {
    const { fs, root } = await setup();
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const { stats, bytes } = await fs.readFile('pipe');
    expect(stats.isFIFO()).toBe(true);
    expect(bytes).toBeUndefined();
  });

  it('gives a folder real path for a cwd, and the root itself', async () => {
    const { fs, root } = await setup();
    expect(await fs.realDirectory('dir')).toBe(path.join(root, 'real-dir'));
    expect(await fs.realDirectory('')).toBe(root);
    await mkdir(path.join(root, 'x'));
    await writeFile(path.join(root, 'x', 'y'), '');
    await expect(fs.realDirectory('x/y')).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('ConfinedFs and links that lead nowhere', () => {
  it('reports a dangling link and a loop as missing, not as a race', async () => {
    const { fs, root } = await setup();
    await symlink(path.join(root, 'nothing.txt'), path.join(root, 'dangling'));
    await symlink(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
    await symlink(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    await expect(fs.stat('dangling')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.readFile('dangling')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.readFile('loop-a')).rejects.toMatchObject({ code: 'ELOOP' });
    expect((await fs.stat('dangling', false)).isSymbolicLink()).toBe(true);
  });
});
