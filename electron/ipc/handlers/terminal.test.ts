import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RecentFolders } from '../../services/app/user-data';
import { Workbench } from '../../services/app/workbench';
import { createRouter, type Router } from '../router';
import { createHandlers } from './index';

let base: string;
let workbench: Workbench;
let router: Router;
let events: Array<{ event: string; payload: unknown }>;

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-term-handlers-')));
  for (const f of ['one', 'two']) await mkdir(path.join(base, f));
  events = [];
  const recent = new RecentFolders(path.join(base, 'user-data'));
  workbench = new Workbench({ recent, userDataDir: path.join(base, 'user-data'), emit: (event, payload) => events.push({ event, payload }) });
  router = createRouter(createHandlers({ host: { kind: 'browser', version: '0' }, workbench, recent }));
  await workbench.open(path.join(base, 'one'));
});
afterEach(async () => {
  await workbench.dispose();
  await rm(base, { recursive: true, force: true });
});

it('announces a command terminal to every window before its output, and lists it like any terminal', async () => {
  const terminal = await workbench.terminals.runCommand({ command: 'echo from-the-agent', cwd: path.join(base, 'one'), title: 'agent: echo' });
  await terminal.exited;
  const mine = events.filter((e) => (e.payload as { id?: string }).id === terminal.id).map((e) => e.event);
  expect(mine[0]).toBe('terminal/opened');
  expect(mine).toContain('terminal/data');
  expect(mine.at(-1)).toBe('terminal/exit');
  expect(events.find((e) => e.event === 'terminal/opened')?.payload).toMatchObject({ id: terminal.id, title: 'agent: echo' });
  expect(await router.dispatch('terminal/list', {}, { connectionId: 'c1' })).toMatchObject({ ok: true, value: [{ id: terminal.id, exitCode: 0 }] });
});

it('keeps announcing after another folder is opened (the new folder has its own terminals)', async () => {
  await workbench.open(path.join(base, 'two'));
  const terminal = await workbench.terminals.runCommand({ command: 'true', cwd: path.join(base, 'two'), title: 'hook: lint' });
  await terminal.exited;
  expect(events.filter((e) => e.event === 'terminal/opened')).toEqual([{ event: 'terminal/opened', payload: expect.objectContaining({ id: terminal.id, title: 'hook: lint' }) }]);
});
