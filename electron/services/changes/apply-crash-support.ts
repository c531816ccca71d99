import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keelTempOwner } from '../../../base/node/confine';
import { WorkspaceFs } from '../workspace/workspace-fs';
import { ChangeReviewService } from './change-review';
import { ReviewStore } from './review-store';
import type { ProposedChange } from './review-state';

/** For the kill-during-apply test (apply-crash.test.ts and its child process apply-crash-child.ts). */

/** 290 files changed, 5 created in new folders, 5 deleted: a 300-file change. */
export function bigChange(): ProposedChange[] {
  const changes: ProposedChange[] = [];
  for (let i = 0; i < 290; i++) changes.push({ path: `src/m${i % 7}/f${i}.txt`, original: `old ${i}\n`, proposed: `new ${i}\n`.repeat(20) });
  for (let i = 0; i < 5; i++) changes.push({ path: `added/deep${i}/n${i}.txt`, original: null, proposed: `created ${i}\n` });
  for (let i = 0; i < 5; i++) changes.push({ path: `src/gone${i}.txt`, original: `doomed ${i}\n`, proposed: null });
  return changes;
}

export async function bigChangeWorkspace(): Promise<{ root: string; userData: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'keel-crash-ws-'));
  const userData = await mkdtemp(path.join(tmpdir(), 'keel-crash-ud-'));
  for (const c of bigChange()) {
    if (c.original === null) continue;
    await mkdir(path.dirname(path.join(root, c.path)), { recursive: true });
    await writeFile(path.join(root, c.path), c.original);
  }
  return { root, userData };
}

export async function reviewService(root: string, userData: string): Promise<ChangeReviewService> {
  const fs = await WorkspaceFs.open(root);
  const store = ReviewStore.forWorkspace(userData, fs.root);
  return new ChangeReviewService({ resolve: (rel) => fs.resolve(rel), store, journalDir: path.join(store.dir, 'journal'), root: fs.root });
}

/** 'old' / 'new' when every file holds exactly its old / new bytes; otherwise the paths that hold neither. */
export async function changeState(root: string): Promise<'old' | 'new' | string[]> {
  const states = await Promise.all(
    bigChange().map(async (c) => {
      const now = await readFile(path.join(root, c.path), 'utf8').catch(() => null);
      return now === c.original && now === c.proposed ? 'both' : now === c.original ? 'old' : now === c.proposed ? 'new' : c.path;
    }),
  );
  if (states.every((s) => s === 'old' || s === 'both')) return 'old';
  if (states.every((s) => s === 'new' || s === 'both')) return 'new';
  return states.map((s, i) => `${bigChange()[i]!.path}: ${s}`);
}

/** Every file below `dir` (folders not listed). */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
}

export async function keelTempFiles(root: string): Promise<string[]> {
  return (await filesBelow(root)).filter((f) => keelTempOwner(path.basename(f)) !== undefined);
}
