import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentFolders } from '../services/app/user-data';
import { Workbench } from '../services/app/workbench';
import { createHandlers, type HostInfo } from './handlers/index';
import { createRouter, type Router } from './router';

let base: string;
let workbench: Workbench;
let recent: RecentFolders;
let events: Array<{ event: string; payload: unknown }>;

function router(host: Partial<HostInfo> = {}): Router {
  return createRouter(createHandlers({ host: { kind: 'browser', version: '9.9.9', ...host }, workbench, recent }));
}
const ctx = { connectionId: 'c1' };

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-handlers-')));
  await mkdir(path.join(base, 'one'));
  await mkdir(path.join(base, 'two'));
  await writeFile(path.join(base, 'one', 'a.txt'), 'in one');
  await writeFile(path.join(base, 'two', 'b.txt'), 'in two');
  events = [];
  recent = new RecentFolders(path.join(base, 'user-data'));
  workbench = new Workbench({ recent, userDataDir: path.join(base, 'user-data'), emit: (event, payload) => events.push({ event, payload }) });
  await workbench.open(path.join(base, 'one'));
});
afterEach(async () => {
  await workbench.dispose();
  await rm(base, { recursive: true, force: true });
});

describe('handlers', () => {
  it('describes the host and the open workspace', async () => {
    const r = router();
    expect(await r.dispatch('app/info', {}, ctx)).toMatchObject({
      ok: true,
      value: { host: 'browser', version: '9.9.9', canOpenFolder: false, platform: process.platform },
    });
    expect(await r.dispatch('workspace/info', {}, ctx)).toEqual({ ok: true, value: { root: path.join(base, 'one'), name: 'one' } });
  });

  it('opens another folder: announces the switch, kills the old terminals, remembers it as recent', async () => {
    const r = router();
    const term = await r.dispatch('terminal/create', { cols: 80, rows: 24 }, ctx);
    const { pid } = (term as { value: { pid: number } }).value;
    expect(await r.dispatch('app/openFolder', { path: path.join(base, 'two') }, ctx)).toEqual({ ok: true, value: { opened: true } });
    expect(events.some((e) => e.event === 'app/workspaceClosing')).toBe(true);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await r.dispatch('terminal/list', {}, ctx)).toEqual({ ok: true, value: [] });
    expect(await r.dispatch('workspace/readFile', { path: 'b.txt' }, ctx)).toMatchObject({ ok: true, value: { content: 'in two' } });
    expect(await r.dispatch('app/recentFolders', {}, ctx)).toEqual({ ok: true, value: [path.join(base, 'two'), path.join(base, 'one')] });
    const stored = JSON.parse(await readFile(path.join(base, 'user-data', 'recent-folders.json'), 'utf8')) as string[];
    expect(stored[0]).toBe(path.join(base, 'two'));
  });

  it('announces the closing workspace when the app shuts down', async () => {
    await workbench.dispose();
    expect(events.map((e) => e.event)).toEqual(['app/workspaceClosing']);
    expect(await router().dispatch('workspace/info', {}, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('re-opening the open folder keeps its terminals', async () => {
    const r = router();
    const { id } = ((await r.dispatch('terminal/create', { cols: 80, rows: 24 }, ctx)) as { value: { id: string } }).value;
    expect(await r.dispatch('app/openFolder', { path: path.join(base, 'one') + '/' }, ctx)).toEqual({ ok: true, value: { opened: true } });
    expect(await r.dispatch('terminal/list', {}, ctx)).toMatchObject({ ok: true, value: [{ id, exitCode: null }] });
    expect(events.map((e) => e.event)).not.toContain('app/workspaceClosing');
  });

  it('keeps the current folder when the new one cannot be opened', async () => {
    const r = router();
    expect(await r.dispatch('app/openFolder', { path: path.join(base, 'missing') }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await r.dispatch('app/openFolder', { path: path.join(base, 'one', 'a.txt') }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_DIRECTORY' },
    });
    expect(await r.dispatch('app/openFolder', { path: 'relative/dir' }, ctx)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await r.dispatch('workspace/readFile', { path: 'a.txt' }, ctx)).toMatchObject({ ok: true, value: { content: 'in one' } });
  });

  it('uses the host dialog when no path is given, and reports a cancelled dialog', async () => {
    let answer: string | undefined = path.join(base, 'two');
    const r = router({ kind: 'electron', pickFolder: async () => answer });
    expect(await r.dispatch('app/info', {}, ctx)).toMatchObject({ value: { canOpenFolder: true } });
    expect(await r.dispatch('app/openFolder', {}, ctx)).toEqual({ ok: true, value: { opened: true } });
    answer = undefined;
    expect(await r.dispatch('app/openFolder', {}, ctx)).toEqual({ ok: true, value: { opened: false } });
    expect(await r.dispatch('workspace/info', {}, ctx)).toMatchObject({ value: { name: 'two' } });
  });

  it('browser host without a dialog: Open Folder without a path opens nothing', async () => {
    expect(await router().dispatch('app/openFolder', {}, ctx)).toEqual({ ok: true, value: { opened: false } });
  });

  it('round-trips a save through the contract, with CONFLICT for a stale version', async () => {
    const r = router();
    const read = (await r.dispatch('workspace/readFile', { path: 'a.txt' }, ctx)) as { value: { version: string } };
    await writeFile(path.join(base, 'one', 'a.txt'), 'edited elsewhere');
    expect(
      await r.dispatch('workspace/writeFile', { path: 'a.txt', content: 'mine', expectedVersion: read.value.version }, ctx),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await r.dispatch('workspace/createFile', { path: 'new/c.md' }, ctx)).toMatchObject({ ok: true });
    expect(await r.dispatch('workspace/quickOpen', { query: 'c.md' }, ctx)).toMatchObject({
      ok: true,
      value: { matches: [{ path: 'new/c.md' }] },
    });
  });
});
