import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HooksEngine } from './hooks-engine';
import { RunLogFile, runLogPath } from './run-log-file';
import { FakeTrust, ManualFileEvents, finished, makeWorkspace, waitForRun, writeHook } from './test-support';

let root: string;
let userData: string;
let engines: HooksEngine[] = [];

beforeEach(() => {
  root = makeWorkspace();
  userData = makeWorkspace();
});
afterEach(async () => {
  for (const e of engines) await e.dispose();
  engines = [];
  rmSync(root, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

async function start(limit?: number): Promise<HooksEngine> {
  const file = new RunLogFile(runLogPath(userData, root), root, limit);
  const engine = await HooksEngine.start({ root, fileEvents: new ManualFileEvents(), trust: new FakeTrust(), runLogFile: file });
  engines.push(engine);
  return engine;
}

describe('the run log on disk', () => {
  it('survives a restart: the runs, their status and output are there when the folder opens again', async () => {
    const id = writeHook(root, 'greet', { name: 'Greet', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'echo hello from before' } });
    const first = await start();
    await first.trigger(id);
    const ran = await waitForRun(first, finished);
    await first.dispose();

    const second = await start();
    expect(second.runs()).toEqual([expect.objectContaining({ id: ran.id, hookName: 'Greet', status: 'succeeded', output: 'hello from before\n', exitCode: 0 })]);
    // New runs join the old ones.
    await second.trigger(id);
    await waitForRun(second, (r) => r.id !== ran.id && finished(r));
    await second.dispose();
    expect((await start()).runs()).toHaveLength(2);
  });

  it('keeps only the newest runs of the folder', async () => {
    const id = writeHook(root, 'tick', { name: 'Tick', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'true' } });
    const e = await start(3);
    for (let i = 0; i < 5; i++) await e.trigger(id);
    await e.dispose();
    const again = await start(3);
    const runs = again.runs();
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('a run cut short (Keel killed while it ran) comes back as cancelled, not running forever; tool inputs are not written', async () => {
    const file = new RunLogFile(runLogPath(userData, root), root);
    await file.save([
      {
        id: 'run-1',
        hookId: '.kiro/hooks/guard.kiro.hook',
        hookName: 'Guard',
        action: 'runCommand',
        trigger: { event: 'preToolUse', tool: { name: 'fsWrite', category: 'write', input: { path: 'a.txt', text: 'SECRET-CONTENT' } } },
        status: 'running',
        queuedAt: 1000,
        startedAt: 1001,
        output: '',
      },
    ]);
    expect(readFileSync(runLogPath(userData, root), 'utf8')).not.toContain('SECRET-CONTENT');
    const e = await start();
    expect(e.runs()).toEqual([
      expect.objectContaining({
        hookName: 'Guard',
        status: 'cancelled',
        reason: 'Keel was closed before this run ended.',
        endedAt: 1001,
        trigger: { event: 'preToolUse', tool: { name: 'fsWrite', category: 'write' } },
      }),
    ]);
  });

  it('a log written for another folder is not shown', async () => {
    const id = writeHook(root, 'greet', { name: 'Greet', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'true' } });
    const e = await start();
    await e.trigger(id);
    await e.dispose();
    const other = new RunLogFile(runLogPath(userData, root), path.join(root, 'elsewhere'));
    expect(await other.load()).toEqual([]);
  });
});
