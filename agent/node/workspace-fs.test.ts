import { mkdtemp, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { NodeCommandRunner } from './command-runner';
import { NodeWorkspace } from './workspace-fs';

let root: string;
let outside: string;
let ws: NodeWorkspace;

beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'keel-ws-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'src/a.ts'), 'export const a = 1;\n');
  await writeFile(join(outside, 'secret.txt'), 'top secret');
  await symlink(outside, join(root, 'link-out'));
  await symlink(join(outside, 'secret.txt'), join(root, 'file-link-out'));
  ws = await NodeWorkspace.open(root);
});

describe('NodeWorkspace confinement', () => {
  it('reads and writes inside the root, creating folders, atomically', async () => {
    expect(await ws.readFile('src/a.ts')).toBe('export const a = 1;\n');
    await ws.writeFile('new/dir/b.ts', 'b');
    expect(await readFile(join(root, 'new/dir/b.ts'), 'utf8')).toBe('b');
  });

  it.each([
    ['../outside/secret.txt', /outside the workspace/],
    ['src/../../outside/secret.txt', /outside the workspace/],
    ['/etc/passwd', /relative/],
    ['src/a.ts\0.png', /NUL/],
    ['link-out/secret.txt', /symlink/],
    ['file-link-out', /symlink/],
  ])('refuses %s', async (path, message) => {
    await expect(ws.readFile(path)).rejects.toThrow(message);
  });

  it('refuses a write that would go through a symlink out, even to a new file', async () => {
    await expect(ws.writeFile('link-out/new.txt', 'x')).rejects.toThrow(/symlink/);
  });

  it('a name that merely starts with two dots is inside', async () => {
    await ws.writeFile('..notes', 'ok');
    expect(await ws.readFile('..notes')).toBe('ok');
  });

  it('lists, stats and walks, skipping .git, node_modules and symlinks', async () => {
    await ws.writeFile('.git/HEAD', 'ref');
    await ws.writeFile('node_modules/x/index.js', '');
    expect((await ws.list('src')).map((e) => e.name)).toEqual(['a.ts']);
    expect(await ws.stat('missing')).toBeUndefined();
    expect((await ws.stat('src'))?.type).toBe('directory');
    const files: string[] = [];
    for await (const f of ws.walk()) files.push(f);
    // Symlinks are not followed, so nothing outside shows up.
    expect(files).toEqual(['src/a.ts']);
  });

  it('a missing file gives a clear message', async () => {
    await expect(ws.readFile('nope.ts')).rejects.toThrow('File not found: nope.ts');
  });
});

describe("executeBash's cwd", () => {
  it('is checked by its real path: a symlinked folder leading outside is refused, one inside runs there', async () => {
    const runner = new NodeCommandRunner((p) => ws.resolveDirectory(p));
    await expect(runner.run('pwd', { cwd: 'link-out', timeoutMs: 10_000 })).rejects.toThrow(/outside the workspace/);
    await expect(runner.run('pwd', { cwd: 'src/a.ts', timeoutMs: 10_000 })).rejects.toThrow();
    await symlink(join(root, 'src'), join(root, 'src-link'));
    const inside = await runner.run('pwd', { cwd: 'src-link', timeoutMs: 10_000 });
    expect(inside.output.trim()).toBe(join(await realpath(root), 'src'));
  });
});
