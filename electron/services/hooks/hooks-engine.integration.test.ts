/**
 * The engine with the real pieces around it: the workspace watcher (chokidar) as the file-event source, the
 * workspace trust store, and real child processes — as the hosts will wire them in stage 2.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../../../protocol';
import { WorkspaceWatcher } from '../workspace/watcher';
import { WorkspaceTrustStore } from '../trust/workspace/workspace-trust-store';
import { HooksEngine } from './hooks-engine';
import { ManualFileEvents, finished, makeWorkspace, waitForRun, writeHook } from './test-support';
import { workspaceHookTrust } from './workspace-hook-trust';

let root: string;
let userData: string;
let watcher: WorkspaceWatcher | undefined;
let engine: HooksEngine | undefined;

beforeEach(() => {
  root = makeWorkspace();
  userData = mkdtempSync(path.join(os.tmpdir(), 'keel-hooks-ud-'));
});
afterEach(async () => {
  await engine?.dispose();
  await watcher?.dispose();
  engine = undefined;
  watcher = undefined;
  rmSync(root, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

async function startAll(trustFolder: boolean) {
  const store = await WorkspaceTrustStore.open(userData);
  if (trustFolder) await store.trust(root);
  const events = new ManualFileEvents();
  watcher = await WorkspaceWatcher.start(root, (changes: FileChange[]) => events.fire(changes));
  await watcher.ready;
  engine = await HooksEngine.start({ root, fileEvents: events, trust: workspaceHookTrust(store, root), selfChangeGraceMs: 500 });
  return { store, engine };
}

describe('hooks with the real watcher, trust store and processes', () => {
  it('200 files written at once by another program give coalesced runs covering every file', async () => {
    writeHook(root, 'gen', { name: 'New sources', when: { type: 'fileCreated', patterns: ['gen/**/*.ts'] }, then: { type: 'runCommand', command: 'echo "$KEEL_CHANGED_FILE_COUNT"' } });
    const { engine } = await startAll(true);
    mkdirSync(path.join(root, 'gen'));
    for (let i = 0; i < 200; i++) writeFileSync(path.join(root, 'gen', `f${i}.ts`), `export const x${i} = ${i};\n`);
    const covered = new Set<string>();
    await waitForRun(engine, () => {
      for (const r of engine.runs()) if (finished(r)) for (const f of r.trigger.files ?? []) covered.add(f);
      return covered.size === 200;
    });
    expect(engine.runs().length).toBeLessThanOrEqual(2);
    expect(engine.runs().every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('a hook whose command creates matching files does not retrigger itself', async () => {
    writeHook(root, 'mirror', { name: 'Mirror', when: { type: 'fileCreated', patterns: ['notes/*.txt'] }, then: { type: 'runCommand', command: 'touch "notes/copy-$(date +%s%N).txt"' } });
    const { engine } = await startAll(true);
    mkdirSync(path.join(root, 'notes'));
    writeFileSync(path.join(root, 'notes', 'first.txt'), 'x');
    await waitForRun(engine, finished);
    // Once the grace period is over, a file from someone else triggers it again: its second run.
    await new Promise((r) => setTimeout(r, 800));
    writeFileSync(path.join(root, 'notes', 'second.txt'), 'x');
    await waitForRun(engine, (r) => finished(r) && r.trigger.files?.includes('notes/second.txt') === true);
    expect(engine.runs().map((r) => r.trigger.files)).toEqual([['notes/first.txt'], ['notes/second.txt']]);
    expect(readdirSync(path.join(root, 'notes')).filter((f) => f.startsWith('copy-'))).toHaveLength(2);
  });

  it('an untrusted folder runs no hooks; trusting it lets them run', async () => {
    const rel = writeHook(root, 'manual', { name: 'Manual', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'echo ran' } });
    const { store, engine } = await startAll(false);
    const blocked = await engine.trigger(rel);
    expect(blocked).toMatchObject({ status: 'blocked', output: '' });
    await store.trust(root);
    expect(await engine.trigger(rel)).toMatchObject({ status: 'succeeded', output: 'ran\n' });
  });

  it('a hook file edited after trust (e.g. by git pull) is reloaded and waits for approval', async () => {
    const rel = writeHook(root, 'manual', { name: 'Manual', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'echo v1' } });
    const { store, engine } = await startAll(true);
    const reloaded = new Promise<void>((resolve) => engine.onDidChangeHooks(() => resolve()));
    writeHook(root, 'manual', { name: 'Manual', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'echo v2' } });
    await reloaded;
    expect((await engine.hooks())[0]).toMatchObject({ name: 'Manual', needsApproval: true });
    expect((await engine.trigger(rel)).status).toBe('blocked');
    expect(await store.diffSinceApproval(root, rel)).toContain('+    "command": "echo v2"');
    await store.approveFile(root, rel);
    expect(await engine.trigger(rel)).toMatchObject({ status: 'succeeded', output: 'v2\n' });
  });
});
