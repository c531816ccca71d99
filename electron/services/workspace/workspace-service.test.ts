import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../../../protocol';
import { WorkspaceService } from './workspace-service';

let dir: string;
let service: WorkspaceService | undefined;
let batches: FileChange[][];
let waiters: Array<() => void>;

/** Resolves once the changes seen so far satisfy `done` — no sleeps, the watcher's own events drive the test. */
function until(done: (all: FileChange[]) => boolean): Promise<FileChange[]> {
  return new Promise((resolve) => {
    const check = () => {
      const all = batches.flat();
      if (done(all)) resolve(all);
      else waiters.push(check);
    };
    check();
  });
}

async function open(batchMs = 50): Promise<WorkspaceService> {
  service = await WorkspaceService.open(dir, {
    batchMs,
    onChanges: (changes) => {
      batches.push(changes);
      const pending = waiters;
      waiters = [];
      pending.forEach((w) => w());
    },
  });
  await service.startWatching();
  return service;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-watch-'));
  batches = [];
  waiters = [];
});
afterEach(async () => {
  await service?.dispose();
  service = undefined;
  await rm(dir, { recursive: true, force: true });
});

const has = (all: FileChange[], type: FileChange['type'], p: string) => all.some((c) => c.type === type && c.path === p);

describe('workspace watcher', () => {
  it('reports files created, changed and deleted by other programs', async () => {
    await open();
    await writeFile(path.join(dir, 'a.txt'), 'one');
    await until((all) => has(all, 'created', 'a.txt'));
    await writeFile(path.join(dir, 'a.txt'), 'two');
    await until((all) => has(all, 'changed', 'a.txt'));
    await rm(path.join(dir, 'a.txt'));
    await until((all) => has(all, 'deleted', 'a.txt'));
  });

  it('reports folders with isDirectory and nested files with workspace-relative paths', async () => {
    await open();
    await mkdir(path.join(dir, 'src/deep'), { recursive: true });
    await writeFile(path.join(dir, 'src/deep/x.ts'), '');
    const all = await until((changes) => has(changes, 'created', 'src/deep/x.ts'));
    expect(all.find((c) => c.path === 'src')).toMatchObject({ type: 'created', isDirectory: true });
  });

  it('delivers a burst of changes as a few batches, not one event per file', async () => {
    await open(300);
    await Promise.all(Array.from({ length: 30 }, (_, i) => writeFile(path.join(dir, `f${i}.txt`), '')));
    await until((all) => all.filter((c) => c.type === 'created').length === 30);
    expect(batches.length).toBeLessThan(30);
  });

  it("reports a save from the editor as a change of the file only, never its atomic-write temp file", async () => {
    const ws = await open();
    await writeFile(path.join(dir, 'a.txt'), 'v0');
    await until((all) => has(all, 'created', 'a.txt'));
    for (let i = 1; i <= 3; i++) {
      const { version } = await ws.fs.readFile('a.txt');
      await ws.fs.writeFile('a.txt', `v${i}`, version);
    }
    await ws.fs.createFile('b.txt', 'new');
    await writeFile(path.join(dir, 'marker.txt'), 'x');
    const all = await until((changes) => has(changes, 'created', 'marker.txt') && has(changes, 'created', 'b.txt'));
    expect(all.map((c) => c.path).filter((p) => !['a.txt', 'b.txt', 'marker.txt'].includes(p))).toEqual([]);
    expect(has(all, 'changed', 'a.txt')).toBe(true);
  });

  it('ignores .git internals and node_modules', async () => {
    await mkdir(path.join(dir, '.git'));
    await mkdir(path.join(dir, 'node_modules'));
    await open();
    await writeFile(path.join(dir, '.git', 'index'), 'x');
    await writeFile(path.join(dir, 'node_modules', 'lib.js'), 'x');
    await writeFile(path.join(dir, 'marker.txt'), 'x');
    const all = await until((changes) => has(changes, 'created', 'marker.txt'));
    expect(all.map((c) => c.path)).toEqual(['marker.txt']);
  });

  it('keeps quick open current: a file created on disk is found without a rescan', async () => {
    const ws = await open();
    expect((await ws.quickOpen('fresh', 10)).matches).toEqual([]);
    await writeFile(path.join(dir, 'fresh-file.md'), '');
    await until((all) => has(all, 'created', 'fresh-file.md'));
    expect((await ws.quickOpen('fresh', 10)).matches.map((m) => m.path)).toEqual(['fresh-file.md']);
  });
});

describe('workspace events for features', () => {
  it('announces a save from the editor after the bytes are on disk, and a failed save not at all', async () => {
    const ws = await open();
    await writeFile(path.join(dir, 'a.txt'), 'v0');
    const saved: string[] = [];
    ws.onDidSave((p) => saved.push(p));
    const { version } = await ws.fs.readFile('a.txt');
    await ws.save('a.txt', 'v1', version);
    await expect(ws.save('a.txt', 'v2', version)).rejects.toThrow(); // stale version: a conflict, not a save
    expect(saved).toEqual(['a.txt']);
    expect((await ws.fs.readFile('a.txt')).content).toBe('v1');
  });

  it('hands every watcher batch to subscribers, including changes by other programs', async () => {
    const ws = await open();
    const seen: FileChange[] = [];
    ws.onDidChangeFiles((changes) => seen.push(...changes));
    await writeFile(path.join(dir, 'other.txt'), 'x');
    await until((all) => has(all, 'created', 'other.txt'));
    expect(has(seen, 'created', 'other.txt')).toBe(true);
  });
});
