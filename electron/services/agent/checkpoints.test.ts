import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ShadowCheckpoints } from './checkpoints';

let root: string;
let userData: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });

beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'keel-cp-'));
  root = join(base, 'repo');
  userData = join(base, 'user-data');
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src', 'a.ts'), 'a1\n');
  await writeFile(join(root, '.gitignore'), 'build/\n');
});

describe('ShadowCheckpoints', () => {
  it('restores modified, deleted and added files to the checkpoint', async () => {
    const cp = ShadowCheckpoints.forWorkspace(userData, root);
    const id = await cp.take('turn 1');
    await writeFile(join(root, 'src', 'a.ts'), 'a2\n');
    await writeFile(join(root, 'src', 'new.ts'), 'new\n');
    await writeFile(join(root, '.gitignore'), '');
    expect((await cp.changedSince(id)).sort()).toEqual(['.gitignore', 'src/a.ts', 'src/new.ts']);
    const before = await cp.restore(id);
    expect(await readFile(join(root, 'src', 'a.ts'), 'utf8')).toBe('a1\n');
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe('build/\n');
    expect(await readdir(join(root, 'src'))).toEqual(['a.ts']);
    // The state before the restore is itself a checkpoint: the restore can be undone.
    await cp.restore(before);
    expect(await readFile(join(root, 'src', 'new.ts'), 'utf8')).toBe('new\n');
  });

  it("leaves the user's own git repository and ignored files alone", async () => {
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=u', '-c', 'user.email=u@x', 'commit', '-qm', 'init');
    await mkdir(join(root, 'build'));
    await writeFile(join(root, 'build', 'out.js'), 'built\n');
    const statusBefore = git('status', '--porcelain');
    const cp = ShadowCheckpoints.forWorkspace(userData, root);
    const id = await cp.take('turn 1');
    await writeFile(join(root, 'build', 'out.js'), 'rebuilt\n');
    await cp.restore(id);
    expect(git('status', '--porcelain')).toBe(statusBefore);
    expect(git('log', '--oneline').trim().split('\n')).toHaveLength(1);
    // Ignored output is neither copied into checkpoints nor rolled back.
    expect(await readFile(join(root, 'build', 'out.js'), 'utf8')).toBe('rebuilt\n');
  });

  it('refuses an id that is not one of its checkpoints', async () => {
    const cp = ShadowCheckpoints.forWorkspace(userData, root);
    await cp.take('turn 1');
    await expect(cp.restore('deadbeef')).rejects.toThrow(/No checkpoint deadbeef/);
    await expect(cp.restore('../../etc')).rejects.toThrow(/Not a checkpoint id/);
  });
});
