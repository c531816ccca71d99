import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HooksEngine, type HooksEngineOptions } from './hooks-engine';
import { FakeTrust, ManualFileEvents, finished, makeWorkspace, waitForRun } from './test-support';

// Real commands through the real ChildProcessRunner (sh, stdin pipes, exit codes); only the watcher is driven by hand.
let root: string;
let userDir: string;
let events: ManualFileEvents;
let trust: FakeTrust;
let engine: HooksEngine | undefined;

beforeEach(() => {
  root = makeWorkspace();
  userDir = mkdtempSync(path.join(os.tmpdir(), 'keel-user-hooks-'));
  events = new ManualFileEvents();
  trust = new FakeTrust();
});
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  rmSync(root, { recursive: true, force: true });
  rmSync(userDir, { recursive: true, force: true });
});

async function start(extra: Partial<HooksEngineOptions> = {}): Promise<HooksEngine> {
  engine = await HooksEngine.start({ root, fileEvents: events, trust, debounceMs: 20, saveDebounceMs: 20, userHooksDir: userDir, ...extra });
  return engine;
}

function writeV1(name: string, hooks: object[], dir = path.join(root, '.kiro/hooks')): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ version: 'v1', hooks }, null, 2));
  return `.kiro/hooks/${name}.json`;
}

describe('Kiro 1.0 (v1) hooks', () => {
  it('PostFileSave: the matcher is a path regex; the command gets the JSON payload on stdin, KIRO_FILE_PATH and {filePath}', async () => {
    writeV1('on-save', [
      { name: 'Dump', trigger: 'PostFileSave', matcher: '\\.(ts|tsx)$', action: { type: 'command', command: 'cat > payload.json; echo "$KIRO_FILE_PATH" > env.txt; echo {filePath} > arg.txt', timeout: 10 } },
    ]);
    const e = await start();
    e.notifySaved('src/a b.md'); // no match
    e.notifySaved('src/a b.ts');
    const run = await waitForRun(e, finished);
    expect(run).toMatchObject({ hookId: '.kiro/hooks/on-save.json#0', status: 'succeeded', trigger: { event: 'fileEdited', files: ['src/a b.ts'] } });
    const file = path.join(root, 'src/a b.ts');
    expect(JSON.parse(readFileSync(path.join(root, 'payload.json'), 'utf8'))).toEqual({ session_id: '', hook_event_name: 'PostFileSave', cwd: root, file_path: file, file_paths: [file] });
    expect(readFileSync(path.join(root, 'env.txt'), 'utf8')).toBe(`${file}\n`);
    expect(readFileSync(path.join(root, 'arg.txt'), 'utf8')).toBe(`${file}\n`); // quoted for the shell: one argument
  });

  it("PreToolUse: exit 2 blocks with stderr as the reason, matched by Kiro's tool name; tool_name and tool_input reach stdin", async () => {
    writeV1('guard', [
      { name: 'No env writes', trigger: 'PreToolUse', matcher: 'fs_write|str_replace', action: { type: 'command', command: 'cat > seen.json; echo "writes to .env are not allowed" >&2; exit 2' } },
      { name: 'Fails open', trigger: 'PreToolUse', matcher: 'execute_bash', action: { type: 'command', command: 'exit 1' } },
    ]);
    const e = await start();
    const gate = await e.preToolUse({ name: 'fsWrite', category: 'write', input: { path: '.env', text: 'x' } }, { sessionId: 's-1' });
    expect(gate).toMatchObject({ allowed: false, reason: '"No env writes": writes to .env are not allowed' });
    expect(JSON.parse(readFileSync(path.join(root, 'seen.json'), 'utf8'))).toMatchObject({ session_id: 's-1', hook_event_name: 'PreToolUse', tool_name: 'fs_write', tool_input: { path: '.env', text: 'x' } });
    // Any other non-zero exit is a failure that does not block (Kiro's rule), and other tools are not matched.
    const bash = await e.preToolUse({ name: 'executeBash', category: 'shell', input: { command: 'ls' } });
    expect(bash.allowed).toBe(true);
    expect(bash.runs.map((r) => [r.hookName, r.status])).toEqual([['Fails open', 'failed']]);
    expect((await e.preToolUse({ name: 'readFile', category: 'read' })).runs).toEqual([]);
  });

  it('PostToolUse gets tool_response; PreTaskExec exit 2 refuses the task; Stop and SessionStart run', async () => {
    writeV1('all', [
      { name: 'Post', trigger: 'PostToolUse', action: { type: 'command', command: 'cat > post.json' } },
      { name: 'Pre task', trigger: 'PreTaskExec', action: { type: 'command', command: 'echo "spec is frozen" >&2; exit 2' } },
      { name: 'Stop', trigger: 'Stop', action: { type: 'command', command: 'echo stopped' } },
      { name: 'Start', trigger: 'SessionStart', action: { type: 'agent', prompt: 'Project context: Keel' } },
    ]);
    const e = await start();
    await e.postToolUse({ name: 'strReplace', input: { path: 'a' }, response: 'Replaced 1 occurrence.' });
    expect(JSON.parse(readFileSync(path.join(root, 'post.json'), 'utf8'))).toMatchObject({ hook_event_name: 'PostToolUse', tool_name: 'str_replace', tool_response: 'Replaced 1 occurrence.' });
    expect(await e.preTaskGate({ spec: 's', taskId: '1', title: 'T' })).toMatchObject({ allowed: false, reason: '"Pre task": spec is frozen' });
    expect((await e.agentStopped()).map((r) => [r.hookName, r.output])).toEqual([['Stop', 'stopped\n']]);
    expect((await e.sessionStarted()).map((r) => [r.hookName, r.status, r.output])).toEqual([['Start', 'succeeded', 'Project context: Keel']]);
  });

  it('several hooks per file each have their own id; a Manual hook runs by hand; timeout inside action is honoured', async () => {
    const file = writeV1('two', [
      { name: 'Slow', trigger: 'Manual', action: { type: 'command', command: 'sleep 5', timeout: 0.3 } },
      { name: 'Quick', trigger: 'Manual', action: { type: 'command', command: 'echo hi' }, enabled: false },
    ]);
    const e = await start();
    expect((await e.hooks()).map((h) => [h.id, h.status, h.format, h.event])).toEqual([
      [`${file}#0`, 'ready', 'v1', 'userTriggered'],
      [`${file}#1`, 'disabled', 'v1', 'userTriggered'],
    ]);
    const run = await e.trigger(`${file}#0`);
    expect(run.status).toBe('timedOut');
    await expect(e.trigger(`${file}#1`)).rejects.toThrow(/disabled/);
  });

  it('loads ~/.kiro/hooks too: gated by workspace trust, not by per-file approval', async () => {
    writeV1('mine', [{ name: 'Mine', trigger: 'Manual', action: { type: 'command', command: 'echo user' } }], userDir);
    trust.approved = new Set(); // nothing in the workspace approved
    const e = await start();
    const [hook] = await e.hooks();
    expect(hook).toMatchObject({ id: '~/.kiro/hooks/mine.json#0', scope: 'user', needsApproval: false });
    expect((await e.trigger('~/.kiro/hooks/mine.json#0')).output).toBe('user\n');
    trust.trusted = false;
    expect((await e.trigger('~/.kiro/hooks/mine.json#0')).status).toBe('blocked');
  });

  it('a workspace v1 file waits for approval like a .kiro.hook file', async () => {
    writeV1('x', [{ name: 'X', trigger: 'Manual', action: { type: 'command', command: 'touch ran' } }]);
    trust.approved = new Set();
    const e = await start();
    const run = await e.trigger('.kiro/hooks/x.json#0');
    expect(run).toMatchObject({ status: 'blocked', reason: expect.stringMatching(/approve/) });
  });
});
