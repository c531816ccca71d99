import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confine } from './confine';

let base: string;
let root: string;
let outsideDir: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-confine-')));
  root = path.join(base, 'ws');
  outsideDir = path.join(base, 'secret');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(outsideDir);
  await writeFile(path.join(outsideDir, 'key.txt'), 'secret');
  await writeFile(path.join(root, 'src', 'a.ts'), 'a');
  await symlink(outsideDir, path.join(root, 'link-out'));
  await symlink(path.join(outsideDir, 'key.txt'), path.join(root, 'file-link-out'));
  await symlink(path.join(root, 'src'), path.join(root, 'link-in'));
  // A sibling whose name starts like the root must not count as inside it.
  await mkdir(`${root}-evil`);
  await writeFile(`${root}-evil/x`, 'x');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('confine', () => {
  const refused: Array<[string, string]> = [
    ['parent', '..'],
    ['parent of a file', '../secret/key.txt'],
    ['climbing after a descent', 'src/../../secret/key.txt'],
    ['deep climb', 'src/a/b/../../../../secret'],
    ['sibling with the same prefix', '../ws-evil/x'],
    ['absolute path', '/etc/passwd'],
    ['absolute path into the workspace', '/ws/src/a.ts'],
    ['windows drive', 'C:\\Windows\\system32'],
    ['windows UNC', '\\\\server\\share'],
    ['NUL byte', 'src/a.ts\0.png'],
    ['directory symlink pointing outside', 'link-out'],
    ['a file through a symlink pointing outside', 'link-out/key.txt'],
    ['a new file under a symlink pointing outside', 'link-out/new/file.txt'],
    ['file symlink pointing outside', 'file-link-out'],
  ];
  it.each(refused)('refuses %s (%j)', async (_why, rel) => {
    await expect(confine(root, rel)).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
  });

  const allowed: Array<[string, string, string]> = [
    ['the root', '', ''],
    ['a file', 'src/a.ts', 'src/a.ts'],
    ['a file not created yet', 'src/new/deeper.ts', 'src/new/deeper.ts'],
    ['a harmless ..', 'src/../src/a.ts', 'src/a.ts'],
    ['a dot segment', './src/a.ts', 'src/a.ts'],
    ['a symlink that stays inside', 'link-in/a.ts', 'link-in/a.ts'],
    // Percent-encoding is not decoded: these are literal (odd) names inside the workspace.
    ['an encoded dot-dot, taken literally', '%2e%2e/%2e%2e/etc/passwd', '%2e%2e/%2e%2e/etc/passwd'],
    ['a backslash dot-dot, a literal name on POSIX', '..\\..\\etc', '..\\..\\etc'],
    ['a name that merely starts with dots', '..hidden/file', '..hidden/file'],
  ];
  it.each(allowed)('allows %s (%j)', async (_why, rel, expected) => {
    await expect(confine(root, rel)).resolves.toBe(path.join(root, expected));
  });

  it('lets delete/rename act on a symlink that points outside without following it', async () => {
    await expect(confine(root, 'link-out', { followFinal: false })).resolves.toBe(path.join(root, 'link-out'));
    await expect(confine(root, 'link-out/key.txt', { followFinal: false })).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_WORKSPACE',
    });
  });

  it('names the offending path in the message without echoing raw NUL bytes', async () => {
    const err = await confine(root, 'a\0b').catch((e: Error) => e);
    expect((err as Error).message).toContain('a\\\\0b');
  });
});
