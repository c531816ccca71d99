import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecentFolders } from '../../services/app/user-data';
import { Workbench } from '../../services/app/workbench';
import { makeRepo } from '../../services/git/test-repo';
import { RunJournal } from '../../services/tasks/run-journal';
import { workspaceTrustKey } from '../../services/trust/workspace-trust';
import { createRouter } from '../router';
import { createHandlers } from './index';

const ctx = { connectionId: 'c1' };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function open(folder: string, trust: 'trusted' | 'undecided' = 'trusted') {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'keel-git-user-'));
  const events: { event: string; payload: unknown }[] = [];
  const recent = new RecentFolders(userData);
  const workbench = new Workbench({ recent, userDataDir: userData, emit: (event, payload) => events.push({ event, payload }) });
  await workbench.open(folder);
  if (trust === 'trusted') await workbench.scoped(workspaceTrustKey).decide('trusted');
  cleanup.push(async () => {
    await workbench.dispose();
    rmSync(userData, { recursive: true, force: true });
  });
  const router = createRouter(createHandlers({ host: { kind: 'browser', version: '0' }, workbench, recent }));
  return { router, events, userData, workbench };
}

describe('git handlers', () => {
  it('answer through the router with the open folder’s repository, and refuse paths outside it', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    cleanup.push(() => rmSync(repo.dir, { recursive: true, force: true }));
    repo.write('a.txt', 'b\n');
    const { router, events, userData } = await open(await realpath(repo.dir));
    expect(await router.dispatch('git/status', {}, ctx)).toMatchObject({ ok: true, value: { state: 'repo', branch: 'main', changes: [{ path: 'a.txt', kind: 'modified' }] } });
    expect(events.some((e) => e.event === 'git/changed')).toBe(true);
    expect(await router.dispatch('git/stage', { paths: ['../outside'] }, ctx)).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_WORKSPACE' } });
    expect(await router.dispatch('git/stage', { paths: [] }, ctx)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await router.dispatch('git/commit', { message: '   ' }, ctx)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // Discarded text is kept in Keel's own data folder, never in the repository.
    const discarded = await router.dispatch('git/discard', { paths: ['a.txt'] }, ctx);
    expect(discarded).toMatchObject({ ok: true });
    expect((discarded as { value: { backupDir: string } }).value.backupDir.startsWith(userData)).toBe(true);
  });

  it('notices `git init` run in a terminal in a folder that was not a repository', async () => {
    const dir = await realpath(mkdtempSync(path.join(os.tmpdir(), 'keel-nogit-')));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'x.txt'), 'x\n');
    const { router, events } = await open(dir);
    expect(await router.dispatch('git/status', {}, ctx)).toMatchObject({ ok: true, value: { state: 'none' } });
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    await vi.waitFor(() => expect(events.filter((e) => e.event === 'git/changed').at(-1)?.payload).toMatchObject({ state: 'repo', counts: { changes: 1 } }), { timeout: 10_000 });
  });

  it('git/status in a folder not yet trusted is "restricted" and runs no git; trusting it turns source control on', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    cleanup.push(() => rmSync(repo.dir, { recursive: true, force: true }));
    const { router, events, workbench } = await open(await realpath(repo.dir), 'undecided');
    expect(await router.dispatch('git/status', {}, ctx)).toMatchObject({ ok: true, value: { state: 'restricted' } });
    expect(await router.dispatch('git/log', {}, ctx)).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    await workbench.scoped(workspaceTrustKey).decide('trusted');
    await vi.waitFor(() => expect(events.filter((e) => e.event === 'git/changed').at(-1)?.payload).toMatchObject({ state: 'repo' }), { timeout: 10_000 });
  });

  it('git/drift reports a done task whose file changed after its run; git/reviewDrift clears it; the watcher re-flags a new change', async () => {
    const spec = '.kiro/specs/s';
    const repo = makeRepo({
      [`${spec}/requirements.md`]: '# Requirements Document\n\n### Requirement 1: Save\n\n#### Acceptance Criteria\n\n1. THE system SHALL save.\n',
      [`${spec}/tasks.md`]: '# Implementation Plan\n\n- [x] 1. Save\n  - _Requirements: 1.1_\n',
      'src/save.js': 'save()\n',
    });
    cleanup.push(() => rmSync(repo.dir, { recursive: true, force: true }));
    const root = await realpath(repo.dir);
    const { router, userData, events } = await open(root);
    const journal = RunJournal.forWorkspace(userData, root);
    const at = new Date(Date.now() - 60_000).toISOString();
    await journal.append({ t: 'start', runId: 'r1', at, specDir: spec, taskId: '1', title: 'Save', mode: 'supervised', kind: 'task' });
    await journal.append({ t: 'review', runId: 'r1', status: 'applied', files: [{ path: 'src/save.js', hunksApplied: 1, hunksTotal: 1 }] });
    await journal.append({ t: 'end', runId: 'r1', at, outcome: 'done' });
    const old = new Date(Date.now() - 120_000);
    utimesSync(path.join(root, 'src/save.js'), old, old);
    // The requirement lines were committed after the (back-dated) run, but in the same commit as the task's [x]:
    // spec and work committed together is not drift.
    expect(await router.dispatch('git/drift', {}, ctx)).toEqual({ ok: true, value: { findings: [] } });
    writeFileSync(path.join(root, 'src/save.js'), 'save(changed)\n');
    expect(await router.dispatch('git/drift', {}, ctx)).toEqual({
      ok: true,
      value: { findings: [expect.objectContaining({ code: 'drift/file-changed', specDir: spec, taskId: '1', taskTitle: 'Save', subject: 'src/save.js', file: `${spec}/tasks.md`, line: 2 })] },
    });
    expect(await router.dispatch('git/reviewDrift', { specDir: spec, taskId: '1' }, ctx)).toEqual({ ok: true, value: { findings: [] } });
    expect(await router.dispatch('git/reviewDrift', { specDir: spec, taskId: '9' }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A new change, seen by the watcher alone (nobody asks): the renderer is told.
    writeFileSync(path.join(root, 'src/save.js'), 'save(again)\n');
    await vi.waitFor(
      () => expect(events.filter((e) => e.event === 'git/driftChanged').at(-1)?.payload).toEqual({ findings: [expect.objectContaining({ code: 'drift/file-changed', subject: 'src/save.js' })] }),
      { timeout: 10_000 },
    );
  });
});
