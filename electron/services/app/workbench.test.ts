import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineFolderService } from './folder-service';
import { RecentFolders } from './user-data';
import { Workbench } from './workbench';

let base: string;
let workbench: Workbench;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'keel-workbench-'));
  const userDataDir = path.join(base, 'user-data');
  workbench = new Workbench({ recent: new RecentFolders(userDataDir), userDataDir, emit: () => {} });
});
afterEach(async () => {
  await workbench.dispose();
  await rm(base, { recursive: true, force: true });
});

async function folder(name: string): Promise<string> {
  const dir = path.join(base, name);
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
  return dir;
}

describe('folder services', () => {
  it('creates a feature service once per folder and disposes it when another folder opens', async () => {
    const log: string[] = [];
    const key = defineFolderService('counter', (ctx) => {
      log.push(`create ${path.basename(ctx.workspace.root)}`);
      return { root: ctx.workspace.root, dispose: () => void log.push(`dispose ${path.basename(ctx.workspace.root)}`) };
    });
    await workbench.open(await folder('one'));
    expect(workbench.scoped(key)).toBe(workbench.scoped(key));
    await workbench.open(await folder('two'));
    expect(path.basename(workbench.scoped(key).root)).toBe('two');
    expect(log).toEqual(['create one', 'dispose one', 'create two']);
  });

  it('lets one service reach another of the same folder, and gives them the user data dir', async () => {
    const a = defineFolderService('a', (ctx) => ({ dir: ctx.userDataDir }));
    const b = defineFolderService('b', (ctx) => ({ fromA: ctx.scoped(a).dir }));
    await workbench.open(await folder('one'));
    expect(workbench.scoped(b).fromA).toBe(path.join(base, 'user-data'));
  });

  it('runs open listeners for the folder already open and for every later one; a failing one stops nothing', async () => {
    await workbench.open(await folder('one'));
    const seen: string[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      workbench.whenOpen(() => {
        throw new Error('feature broke');
      });
      const sub = workbench.whenOpen((ctx) => seen.push(path.basename(ctx.workspace.root)));
      await workbench.open(await folder('two'));
      sub.dispose();
      await workbench.open(await folder('three'));
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['one', 'two']);
    expect(errors.length).toBe(3);
  });

  it('says no folder is open instead of crashing when a feature asks too early', () => {
    const key = defineFolderService('x', () => ({}));
    expect(() => workbench.scoped(key)).toThrow(/No folder is open/);
  });
});
