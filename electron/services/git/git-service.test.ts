import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GitSummary } from '../../../protocol';
import { GitService } from './git-service';
import { makeRepo } from './test-repo';

const services: GitService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

function serviceFor(folder: string) {
  const changed: GitSummary[] = [];
  const backupRoot = mkdtempSync(join(tmpdir(), 'keel-git-backup-'));
  const service = new GitService({ folder, onChanged: (s) => changed.push(s), backupRoot, debounceMs: 20 });
  services.push(service);
  return { service, changed, backupRoot };
}

const lines = (n: number, edit: Record<number, string> = {}) => Array.from({ length: n }, (_, i) => edit[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('GitService', () => {
  it('lists staged, changed and untracked files with the branch', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'gone.txt': 'x\n' });
    repo.write('a.txt', 'A\n');
    repo.write('b.txt', 'B\n');
    repo.git('add', 'b.txt');
    repo.git('rm', '-q', '--cached', 'gone.txt');
    repo.write('new dir/new.txt', 'n\n');
    const { service } = serviceFor(repo.dir);
    const s = await service.status();
    expect(s).toMatchObject({ state: 'repo', branch: 'main', detached: false, unborn: false, counts: { staged: 2, changes: 3, conflicts: 0 } });
    expect(s.staged).toEqual([{ path: 'b.txt', kind: 'modified' }, { path: 'gone.txt', kind: 'deleted' }]);
    expect(s.changes).toEqual([
      { path: 'a.txt', kind: 'modified' },
      { path: 'gone.txt', kind: 'untracked' },
      { path: 'new dir/new.txt', kind: 'untracked' },
    ]);
  });

  it('offers to initialise a folder that is not a repository, then works in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-nogit-'));
    writeFileSync(join(dir, 'x.txt'), 'x\n');
    const { service } = serviceFor(dir);
    expect(await service.status()).toMatchObject({ state: 'none', counts: { staged: 0, changes: 0, conflicts: 0 } });
    await expect(service.stage(['x.txt'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await service.init()).toMatchObject({ state: 'repo', unborn: true });
    expect(existsSync(join(dir, '.git'))).toBe(true);
    expect((await service.status()).changes).toEqual([{ path: 'x.txt', kind: 'untracked' }]);
    // Unstaging works before the first commit too (there is no HEAD to reset to).
    await service.stage(['x.txt']);
    expect((await service.status()).staged).toEqual([{ path: 'x.txt', kind: 'added' }]);
    await service.unstage(['x.txt']);
    expect((await service.status()).staged).toEqual([]);
  });

  it('stages one hunk of a file and unstages it again, leaving the working tree alone', async () => {
    const repo = makeRepo({ 'f.txt': lines(30) });
    repo.write('f.txt', lines(30, { 2: 'first edit', 28: 'second edit' }));
    const { service } = serviceFor(repo.dir);
    const diff = await service.diff('f.txt', 'changes');
    expect(diff.hunksApply).toBe(true);
    expect(diff.hunks).toHaveLength(2);
    expect(diff.original).toBe(lines(30));
    await service.stageHunk('f.txt', 1, diff.hunks[1]!.id);
    const cached = repo.git('diff', '--cached');
    expect(cached).toContain('+second edit');
    expect(cached).not.toContain('first edit');
    expect(readFileSync(join(repo.dir, 'f.txt'), 'utf8')).toBe(lines(30, { 2: 'first edit', 28: 'second edit' }));
    const status = await service.status();
    expect(status.staged).toEqual([{ path: 'f.txt', kind: 'modified' }]);
    expect(status.changes).toEqual([{ path: 'f.txt', kind: 'modified' }]);

    const staged = await service.diff('f.txt', 'staged');
    expect(staged.hunks).toHaveLength(1);
    await service.unstageHunk('f.txt', 0, staged.hunks[0]!.id);
    expect(repo.git('diff', '--cached')).toBe('');
  });

  it('diffs a committed symlink as its target path and never reads the file outside it leads to', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'keel-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'OUTSIDE SECRET\n');
    const repo = makeRepo({ 'a.txt': 'a\n' });
    symlinkSync('a.txt', join(repo.dir, 'link'));
    repo.git('add', 'link');
    repo.git('commit', '-qm', 'link');
    rmSync(join(repo.dir, 'link'));
    symlinkSync(join(outside, 'secret.txt'), join(repo.dir, 'link'));
    const { service } = serviceFor(repo.dir);
    const diff = await service.diff('link', 'changes');
    expect(diff.original).toBe('a.txt');
    expect(diff.modified).toBe(join(outside, 'secret.txt'));
    expect(JSON.stringify(diff)).not.toContain('OUTSIDE SECRET');
  });

  it('refuses a hunk whose file changed since the diff was shown', async () => {
    const repo = makeRepo({ 'f.txt': lines(10) });
    repo.write('f.txt', lines(10, { 5: 'edit' }));
    const { service } = serviceFor(repo.dir);
    const diff = await service.diff('f.txt', 'changes');
    repo.write('f.txt', lines(10, { 5: 'another edit' }));
    await expect(service.stageHunk('f.txt', 0, diff.hunks[0]!.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(repo.git('diff', '--cached')).toBe('');
  });

  it('commits what is staged and shows it first in the log; an empty commit is refused', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    repo.write('a.txt', 'changed\n');
    const { service } = serviceFor(repo.dir);
    await expect(service.commit('nothing', false)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Nothing is staged to commit.' });
    await service.stage(['a.txt']);
    const { hash } = await service.commit('Change a\n\nWith a body.', false);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(hash);
    const [latest, first] = await service.log(10);
    expect(latest).toMatchObject({ hash, subject: 'Change a', author: 'Test User' });
    expect(latest!.refs).toContain('main');
    expect(first).toMatchObject({ subject: 'initial' });
    expect((await service.status()).counts).toEqual({ staged: 0, changes: 0, conflicts: 0 });
  });

  it('creates and switches branches, refusing bad names, taken names and switches that would lose changes', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const { service } = serviceFor(repo.dir);
    await service.createBranch('feature/x');
    expect((await service.status()).branch).toBe('feature/x');
    await expect(service.createBranch('feature/x')).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(service.createBranch('bad..name')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(service.createBranch('-f')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    repo.write('a.txt', 'on feature\n');
    repo.git('commit', '-qam', 'feature work');
    await service.checkout('main');
    expect((await service.status()).branch).toBe('main');
    expect(readFileSync(join(repo.dir, 'a.txt'), 'utf8')).toBe('a\n');
    repo.write('a.txt', 'uncommitted\n');
    await expect(service.checkout('feature/x')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(join(repo.dir, 'a.txt'), 'utf8')).toBe('uncommitted\n');
    const branches = await service.branches();
    expect(branches.map((b) => [b.name, b.current])).toEqual(expect.arrayContaining([['main', true], ['feature/x', false]]));
    await expect(service.checkout('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('discards changes (untracked files deleted) and keeps a copy of what was thrown away', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    repo.write('a.txt', 'my work\n');
    repo.write('scratch.txt', 'notes\n');
    const { service, backupRoot } = serviceFor(repo.dir);
    const { backupDir } = await service.discard(['a.txt', 'scratch.txt']);
    expect(readFileSync(join(repo.dir, 'a.txt'), 'utf8')).toBe('a\n');
    expect(existsSync(join(repo.dir, 'scratch.txt'))).toBe(false);
    expect(backupDir?.startsWith(backupRoot)).toBe(true);
    expect(readFileSync(join(backupDir!, 'a.txt'), 'utf8')).toBe('my work\n');
    expect(readFileSync(join(backupDir!, 'scratch.txt'), 'utf8')).toBe('notes\n');
    await expect(service.discard(['../outside.txt'])).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
  });

  it('in a workspace that is a sub-folder of the repository, shows only its files, relative to it', async () => {
    const repo = makeRepo({ 'app/src/x.ts': 'x\n', 'lib/y.ts': 'y\n' });
    repo.write('app/src/x.ts', 'X\n');
    repo.write('lib/y.ts', 'Y\n');
    const { service } = serviceFor(join(repo.dir, 'app'));
    expect((await service.status()).changes).toEqual([{ path: 'src/x.ts', kind: 'modified' }]);
    const diff = await service.diff('src/x.ts', 'changes');
    await service.stageHunk('src/x.ts', 0, diff.hunks[0]!.id);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('app/src/x.ts');
  });

  it('notices a commit made outside Keel (a terminal) through .git and announces the new status', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    repo.write('a.txt', 'b\n');
    const { service, changed } = serviceFor(repo.dir);
    expect((await service.status()).counts.changes).toBe(1);
    repo.git('commit', '-qam', 'from the terminal');
    await vi.waitFor(() => expect(changed.at(-1)?.counts).toEqual({ staged: 0, changes: 0, conflicts: 0 }), { timeout: 10_000 });
    repo.git('switch', '-q', '-c', 'other');
    await vi.waitFor(() => expect(changed.at(-1)?.branch).toBe('other'), { timeout: 10_000 });
  });

  it('stages and unstages 10,000 files (paths through stdin, not the command line)', async () => {
    const repo = makeRepo({ 'keep.txt': 'k\n' });
    for (let i = 0; i < 10_000; i++) repo.write(`many/f${i}.txt`, `${i}\n`);
    const { service } = serviceFor(repo.dir);
    const status = await service.status();
    expect(status.counts.changes).toBe(10_000);
    await service.stage(status.changes.map((c) => c.path));
    expect((await service.status()).counts).toEqual({ staged: 10_000, changes: 0, conflicts: 0 });
    await service.unstage(status.changes.map((c) => c.path));
    expect((await service.status()).counts.changes).toBe(10_000);
  }, 120_000); // writing 10,000 files and hashing them into the index takes a while on a loaded 2-core box
});
