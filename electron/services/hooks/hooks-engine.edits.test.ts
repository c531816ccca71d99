import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HooksEngine } from './hooks-engine';
import { FakeTrust, ManualFileEvents, finished, makeWorkspace, waitForRun, writeHook } from './test-support';

let root: string;
let events: ManualFileEvents;
let engine: HooksEngine | undefined;

beforeEach(() => {
  root = makeWorkspace();
  mkdirSync(path.join(root, 'src'));
  events = new ManualFileEvents();
});
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function start(selfChangeGraceMs = 1000): Promise<HooksEngine> {
  writeHook(root, 'on-edit', { name: 'On edit', when: { type: 'fileEdited', patterns: ['src/**'] }, then: { type: 'runCommand', command: 'echo "$KEEL_CHANGED_FILES"' } });
  writeHook(root, 'probe', { name: 'Probe', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'true' } });
  engine = await HooksEngine.start({ root, fileEvents: events, trust: new FakeTrust(), debounceMs: 20, saveDebounceMs: 20, selfChangeGraceMs });
  return engine;
}

/** Lets any debounced run start, then runs the probe hook so "nothing else ran" is checked after it. */
async function settle(e: HooksEngine): Promise<void> {
  await new Promise((r) => setTimeout(r, 80));
  await waitForRun(e, finished);
  const probe = await e.trigger('.kiro/hooks/probe.kiro.hook');
  await waitForRun(e, (r) => r.id === probe.id && finished(r));
}

describe('fileEdited from the watcher', () => {
  it('an edit by another program (a watcher "changed" event) runs fileEdited hooks', async () => {
    const e = await start();
    writeFileSync(path.join(root, 'src/a.ts'), 'by another editor');
    events.fire([{ type: 'changed', path: 'src/a.ts', isDirectory: false }]);
    const run = await waitForRun(e, finished);
    expect(run).toMatchObject({ hookName: 'On edit', status: 'succeeded', trigger: { event: 'fileEdited', files: ['src/a.ts'] } });
  });

  it("the watcher's echo of a save from the editor does not run the hook a second time", async () => {
    const e = await start();
    writeFileSync(path.join(root, 'src/a.ts'), 'saved');
    e.notifySaved('src/a.ts');
    events.fire([{ type: 'changed', path: 'src/a.ts', isDirectory: false }]);
    await settle(e);
    expect(e.runs().map((r) => r.hookName)).toEqual(['On edit', 'Probe']);
  });

  it('a different write after the save is a change of its own and runs the hook again', async () => {
    // No grace after the run: a change right after it would otherwise be taken as the hook's own doing.
    const e = await start(0);
    writeFileSync(path.join(root, 'src/a.ts'), 'saved');
    e.notifySaved('src/a.ts');
    await waitForRun(e, finished);
    await new Promise((r) => setTimeout(r, 10));
    writeFileSync(path.join(root, 'src/a.ts'), 'rewritten by a formatter outside Keel');
    events.fire([{ type: 'changed', path: 'src/a.ts', isDirectory: false }]);
    await settle(e);
    expect(e.runs().map((r) => r.hookName)).toEqual(['On edit', 'On edit', 'Probe']);
  });
});
