import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SearchService } from '../search/search-service';
import { ServiceTextSearch } from '../search/agent-text-search';
import { WorkspaceFs } from '../workspace/workspace-fs';
import { TermSearch, WorkingTreeDiff } from './context-ports';

let root: string;
beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'keel-ports-')), 'repo');
  await mkdir(join(root, 'src'), { recursive: true });
});
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=u', '-c', 'user.email=u@x', ...args], { cwd: root, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });

describe('WorkingTreeDiff (#git diff)', () => {
  it('outside a repository says so in a few words (not git’s usage text)', async () => {
    await expect(new WorkingTreeDiff(root).diff({ maxChars: 1000 })).rejects.toThrow(/^this folder is not a Git repository$/);
  });

  it('shows staged and unstaged changes against HEAD, cut at the limit', async () => {
    await writeFile(join(root, 'a.txt'), 'one\n');
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    await writeFile(join(root, 'a.txt'), 'two\n');
    await writeFile(join(root, 'b.txt'), 'new\n');
    git('add', 'b.txt');
    const diff = await new WorkingTreeDiff(root).diff({ maxChars: 10_000 });
    expect(diff).toContain('-one\n+two');
    expect(diff).toContain('+new');
    expect(await new WorkingTreeDiff(root).diff({ maxChars: 20 })).toMatch(/diff cut at 20 characters/);
  });

  it('runs no git at all in an untrusted folder (a hostile core.fsmonitor never runs)', async () => {
    await writeFile(join(root, 'a.txt'), 'one\n');
    git('init', '-q');
    const marker = join(root, '..', 'fsmonitor-ran');
    await writeFile(join(root, '..', 'hook.sh'), `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    git('config', 'core.fsmonitor', join(root, '..', 'hook.sh'));
    let trusted = false;
    const diff = new WorkingTreeDiff(root, () => trusted);
    await expect(diff.diff({ maxChars: 100 })).rejects.toThrow(/Restricted Mode/);
    expect(existsSync(marker)).toBe(false);
    // The control: once trusted, git runs — and with it the repository's own fsmonitor, as for git itself.
    trusted = true;
    await diff.diff({ maxChars: 100 }).catch(() => undefined);
    expect(existsSync(marker)).toBe(true);
  });

  it('fails (the chip then says so) outside a repository', async () => {
    await expect(new WorkingTreeDiff(root).diff({ maxChars: 100 })).rejects.toThrow();
  });
});

describe('TermSearch (#codebase)', () => {
  it('ranks files by how many of the prompt terms they mention', async () => {
    await writeFile(join(root, 'src', 'login.ts'), 'export function login(password: string) {}\n// session token refresh\n');
    await writeFile(join(root, 'src', 'token.ts'), 'export const token = 1;\n');
    await writeFile(join(root, 'src', 'other.ts'), 'nothing here\n');
    const search = new TermSearch(new ServiceTextSearch(new SearchService(await WorkspaceFs.open(root))));
    const hits = await search.search('where is the login token refreshed?', { maxResults: 5 });
    expect(hits.map((h) => h.path)).toEqual(['src/login.ts', 'src/token.ts']);
    expect(hits[0]).toMatchObject({ line: 1, snippet: 'export function login(password: string) {}' });
  });
});
