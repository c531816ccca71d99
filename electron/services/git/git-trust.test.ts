import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GitSummary } from '../../../protocol';
import { Emitter } from '../../base/emitter';
import { GitService } from './git-service';
import { makeRepo } from './test-repo';

const services: GitService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

/** A repository whose own .git/config names a program git runs on `git status` (core.fsmonitor). */
function hostileRepo() {
  const repo = makeRepo({ 'a.txt': 'a\n' });
  const marker = join(mkdtempSync(join(tmpdir(), 'keel-marker-')), 'fsmonitor-ran');
  const hook = join(repo.dir, '.git', 'evil.sh');
  writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  chmodSync(hook, 0o755);
  repo.git('config', 'core.fsmonitor', hook);
  repo.git('config', 'diff.external', hook);
  return { ...repo, marker };
}

function trustSwitch(trusted: boolean) {
  const changed = new Emitter<void>();
  const trust = { value: trusted, ready: Promise.resolve(), isTrusted: () => trust.value, onDidChange: (l: () => void) => changed.event(l), set: (v: boolean) => ((trust.value = v), changed.fire()) };
  return trust;
}

function serviceFor(folder: string, trust: ReturnType<typeof trustSwitch>) {
  const changed: GitSummary[] = [];
  const service = new GitService({ folder, onChanged: (s) => changed.push(s), backupRoot: mkdtempSync(join(tmpdir(), 'keel-git-backup-')), debounceMs: 20, trust });
  services.push(service);
  return { service, changed };
}

describe('GitService in an untrusted folder', () => {
  it('runs no git at all, so a hostile core.fsmonitor never runs; trusting the folder turns source control on', async () => {
    const repo = hostileRepo();
    const trust = trustSwitch(false);
    const { service, changed } = serviceFor(repo.dir, trust);
    expect(await service.status()).toMatchObject({ state: 'restricted', staged: [], changes: [] });
    await expect(service.stage(['a.txt'])).rejects.toMatchObject({ code: 'READ_ONLY', message: expect.stringMatching(/Restricted Mode/) });
    await expect(service.diff('a.txt', 'changes')).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(service.init()).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await service.showHead('a.txt')).toEqual({ exists: false, content: '', tracked: false });
    expect(await service.repository()).toBeUndefined();
    expect(existsSync(repo.marker)).toBe(false);

    // The user trusts the folder: git runs (and, as git itself would, runs the configured fsmonitor).
    trust.set(true);
    await vi.waitFor(() => expect(changed.at(-1)).toMatchObject({ state: 'repo', branch: 'main' }), { timeout: 10_000 });
    expect(existsSync(repo.marker)).toBe(true);
  });

  it('the control: in a trusted folder the same repository runs its fsmonitor on status (the test repo really is hostile)', async () => {
    const repo = hostileRepo();
    const { service } = serviceFor(repo.dir, trustSwitch(true));
    expect(await service.status()).toMatchObject({ state: 'repo' });
    expect(existsSync(repo.marker)).toBe(true);
  });

  it('stops running git when the folder is restricted again', async () => {
    const repo = hostileRepo();
    const trust = trustSwitch(true);
    const { service, changed } = serviceFor(repo.dir, trust);
    expect(await service.status()).toMatchObject({ state: 'repo' });
    trust.set(false);
    await vi.waitFor(() => expect(changed.at(-1)).toMatchObject({ state: 'restricted' }), { timeout: 10_000 });
    await expect(service.log(5)).rejects.toMatchObject({ code: 'READ_ONLY' });
  });
});
