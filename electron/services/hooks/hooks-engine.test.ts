import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRequest, CommandResult, CommandRunner } from './command-runner';
import type { AgentTurnRunner } from './hook-types';
import { HooksEngine, type HooksEngineOptions } from './hooks-engine';
import { FakeTrust, ManualFileEvents, finished, makeWorkspace, waitForRun, writeHook } from './test-support';

let root: string;
let events: ManualFileEvents;
let trust: FakeTrust;
let engine: HooksEngine | undefined;

beforeEach(() => {
  root = makeWorkspace();
  events = new ManualFileEvents();
  trust = new FakeTrust();
});
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function start(extra: Partial<HooksEngineOptions> = {}): Promise<HooksEngine> {
  engine = await HooksEngine.start({ root, fileEvents: events, trust, debounceMs: 20, saveDebounceMs: 20, ...extra });
  return engine;
}

const onSave = (command: string, patterns = ['src/**/*.ts']) => ({
  name: 'On save',
  when: { type: 'fileEdited', patterns },
  then: { type: 'runCommand', command },
});

describe('file hooks', () => {
  it('a save runs a matching runCommand hook; its output and exit code land in the run log', async () => {
    writeHook(root, 'on-save', onSave('echo "changed: $KEEL_CHANGED_FILES"; exit 3'));
    const e = await start();
    e.notifySaved('src/app.ts');
    const run = await waitForRun(e, finished);
    expect(run).toMatchObject({ hookName: 'On save', status: 'failed', exitCode: 3, trigger: { event: 'fileEdited', files: ['src/app.ts'] } });
    expect(run.output).toBe('changed: src/app.ts\n');
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.reason).toMatch(/code 3/);
  });

  it('a save that matches no pattern runs nothing', async () => {
    writeHook(root, 'on-save', onSave('touch ran'));
    writeHook(root, 'trigger-probe', { name: 'Probe', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'true' } });
    const e = await start();
    e.notifySaved('docs/readme.md');
    e.notifySaved('src/app.tsx');
    await e.trigger('.kiro/hooks/trigger-probe.kiro.hook'); // later than any debounced run would have been queued
    await new Promise((r) => setTimeout(r, 60));
    expect(e.runs().map((r) => r.hookName)).toEqual(['Probe']);
    expect(existsSync(path.join(root, 'ran'))).toBe(false);
  });

  it('coalesces a burst of 1,000 created files into one run with the whole list', async () => {
    writeHook(root, 'on-create', { name: 'New files', when: { type: 'fileCreated', patterns: ['**/*.ts'] }, then: { type: 'runCommand', command: 'echo "$KEEL_CHANGED_FILE_COUNT"' } });
    const e = await start();
    for (let batch = 0; batch < 10; batch++) {
      events.created(...Array.from({ length: 100 }, (_, i) => `src/f${batch * 100 + i}.ts`));
    }
    const run = await waitForRun(e, finished);
    expect(run.trigger.files).toHaveLength(1000);
    expect(run.output.trim()).toBe('1000');
    await new Promise((r) => setTimeout(r, 60));
    expect(e.runs()).toHaveLength(1);
  });

  it('reports deleted files to fileDeleted hooks, directories aside', async () => {
    writeHook(root, 'on-delete', { name: 'Gone', when: { type: 'fileDeleted', patterns: ['**'] }, then: { type: 'runCommand', command: 'true' } });
    const e = await start();
    events.fire([
      { type: 'deleted', path: 'old', isDirectory: true },
      { type: 'deleted', path: 'old/a.txt', isDirectory: false },
      { type: 'created', path: 'new.txt', isDirectory: false },
    ]);
    const run = await waitForRun(e, finished);
    expect(run.trigger).toEqual({ event: 'fileDeleted', files: ['old/a.txt'] });
  });

  it('changes that arrive while a hook runs give exactly one follow-up run with all of them', async () => {
    const gate = new ControlledRunner();
    writeHook(root, 'on-save', onSave('build'));
    const e = await start({ runner: gate });
    e.notifySaved('src/a.ts');
    await gate.started(1);
    e.notifySaved('src/b.ts');
    e.notifySaved('src/c.ts');
    await new Promise((r) => setTimeout(r, 60)); // the debounce ends while the first run still holds the hook
    gate.autoRelease = true;
    gate.releaseAll();
    const second = await waitForRun(e, (r) => finished(r) && r.trigger.files?.includes('src/b.ts') === true);
    expect(second.trigger.files).toEqual(['src/b.ts', 'src/c.ts']);
    expect(gate.calls).toBe(2);
  });
});

describe('loop prevention', () => {
  it("a hook's own file changes never retrigger it, directly or through another hook", async () => {
    // A creates b.txt (triggers B); B creates a.txt, which would trigger A again.
    const runner = new ControlledRunner((req) => {
      if (req.command === 'make-b') events.created('b.txt');
      if (req.command === 'make-a') events.created('a.txt');
    });
    writeHook(root, 'a', { name: 'A', when: { type: 'fileCreated', patterns: ['a*.txt'] }, then: { type: 'runCommand', command: 'make-b' } });
    writeHook(root, 'b', { name: 'B', when: { type: 'fileCreated', patterns: ['b*.txt'] }, then: { type: 'runCommand', command: 'make-a' } });
    const e = await start({ runner, selfChangeGraceMs: 200 });
    runner.autoRelease = true;
    events.created('a0.txt');
    await waitForRun(e, (r) => r.hookName === 'B' && finished(r));
    // Past the grace period a change by someone else triggers A as usual, and it is A's second run only.
    await new Promise((r) => setTimeout(r, 250));
    events.created('a1.txt');
    await waitForRun(e, (r) => r.hookName === 'A' && finished(r) && r.trigger.files?.[0] === 'a1.txt');
    const aRuns = e.runs().filter((r) => r.hookName === 'A');
    expect(aRuns.map((r) => r.trigger.files)).toEqual([['a0.txt'], ['a1.txt']]);
  });

  it('user saves are never taken as a hook’s own changes', async () => {
    const runner = new ControlledRunner();
    writeHook(root, 'on-save', onSave('build'));
    const e = await start({ runner, selfChangeGraceMs: 10_000 });
    runner.autoRelease = true;
    e.notifySaved('src/a.ts');
    await waitForRun(e, finished);
    e.notifySaved('src/a.ts');
    await waitForRun(e, (r) => finished(r) && e.runs().length === 2);
    e.notifySaved('src/a.ts', 'agent'); // inside the grace period, by the agent: attributed, ignored
    await new Promise((r) => setTimeout(r, 60));
    expect(e.runs()).toHaveLength(2);
  });
});

describe('trust', () => {
  it('an untrusted workspace runs nothing and says why', async () => {
    trust.trusted = false;
    writeHook(root, 'on-save', onSave('touch ran'));
    const e = await start();
    e.notifySaved('src/a.ts');
    const run = await waitForRun(e, finished);
    expect(run.status).toBe('blocked');
    expect(run.reason).toMatch(/not trusted/);
    expect(existsSync(path.join(root, 'ran'))).toBe(false);
  });

  it('a hook file changed since approval is blocked until approved again', async () => {
    const rel = writeHook(root, 'manual', { name: 'Manual', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'touch ran' } });
    trust.approved = new Set(['something else']);
    const e = await start();
    const blocked = await e.trigger(rel);
    expect(blocked.status).toBe('blocked');
    expect(blocked.reason).toMatch(/changed since you approved it/);
    expect((await e.hooks())[0]?.needsApproval).toBe(true);

    trust.approved.add(readFileSync(path.join(root, rel), 'utf8'));
    expect((await e.trigger(rel)).status).toBe('succeeded');
    expect(existsSync(path.join(root, 'ran'))).toBe(true);
  });
});

describe('other events', () => {
  it('tells the command runner which hook runs (it decides terminal or background by the hook file)', async () => {
    const seen: CommandRequest[] = [];
    const runner: CommandRunner = {
      run: async (req) => {
        seen.push(req);
        return { exitCode: 0, signal: null, timedOut: false, cancelled: false, output: '', truncated: false };
      },
    };
    const id = writeHook(root, 'lint', { name: 'Lint', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'npm run lint' } });
    const e = await start({ runner });
    await e.trigger(id);
    expect(seen).toMatchObject([{ command: 'npm run lint', hookId: '.kiro/hooks/lint.kiro.hook', hookName: 'Lint' }]);
  });

  it('promptSubmit hooks see the prompt in USER_PROMPT', async () => {
    writeHook(root, 'prompt', { name: 'Prompt', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'printf %s "$USER_PROMPT"' } });
    const e = await start();
    const [run] = await e.promptSubmitted('fix the "login" bug; rm -rf /');
    expect(run?.output).toBe('fix the "login" bug; rm -rf /');
  });

  it('preToolUse can block a tool call with a reason; other tools are not affected', async () => {
    writeHook(root, 'guard', { name: 'No secrets', when: { type: 'preToolUse', toolTypes: ['.*git_commit.*', 'shell'] }, then: { type: 'runCommand', command: 'echo "secret found in .env" >&2; exit 2' } });
    const e = await start();
    const gate = await e.preToolUse({ name: 'mcp_git_commit', input: { message: 'x' } });
    expect(gate.allowed).toBe(false);
    expect(gate.reason).toMatch(/secret found in \.env/);
    expect((await e.preToolUse({ name: 'executeBash', category: 'shell' })).allowed).toBe(false);
    const other = await e.preToolUse({ name: 'readFile', category: 'read' });
    expect(other).toEqual({ allowed: true, runs: [] });
  });

  it('postToolUse, agentStop and task events run their hooks with the context in the environment', async () => {
    writeHook(root, 'post', { name: 'Post', when: { type: 'postToolUse', toolTypes: ['write'] }, then: { type: 'runCommand', command: 'echo "$KEEL_TOOL_NAME $KEEL_TOOL_INPUT"' } });
    writeHook(root, 'stop', { name: 'Stop', when: { type: 'agentStop' }, then: { type: 'runCommand', command: 'echo stopped' } });
    writeHook(root, 'task', { name: 'Task', when: { type: 'postTaskExecution' }, then: { type: 'runCommand', command: 'echo "$KEEL_SPEC $KEEL_TASK_ID"' } });
    const e = await start();
    expect((await e.postToolUse({ name: 'fsWrite', category: 'write', input: { path: 'a.ts' } }))[0]?.output).toBe('fsWrite {"path":"a.ts"}\n');
    expect((await e.agentStopped())[0]?.output).toBe('stopped\n');
    expect(await e.taskExecution('pre', { spec: 'auth', taskId: '2.1', title: 'x' })).toEqual([]);
    expect((await e.taskExecution('post', { spec: 'auth', taskId: '2.1', title: 'x' }))[0]?.output).toBe('auth 2.1\n');
  });

  it('askAgent hooks run an agent turn with the hook prompt and the triggering files', async () => {
    const prompts: string[] = [];
    const agent: AgentTurnRunner = {
      runTurn: async ({ prompt }) => {
        prompts.push(prompt);
        return { output: 'Docs updated.' };
      },
    };
    writeHook(root, 'docs', { name: 'Docs', when: { type: 'fileEdited', patterns: ['src/**'] }, then: { type: 'askAgent', prompt: 'Update the docs.' } });
    const e = await start({ agent });
    e.notifySaved('src/x.ts');
    const run = await waitForRun(e, finished);
    expect(run).toMatchObject({ status: 'succeeded', action: 'askAgent', output: 'Docs updated.' });
    expect(prompts[0]).toMatch(/^Update the docs\.\n[\s\S]*- src\/x\.ts/);
  });

  it('stops a command at its timeout, with everything it started', async () => {
    writeHook(root, 'slow', { name: 'Slow', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'sleep 30 & echo $! > child.pid; echo started; wait', timeout: 0.5 } });
    const e = await start();
    const run = await e.trigger('.kiro/hooks/slow.kiro.hook');
    expect(run.status).toBe('timedOut');
    expect(run.output).toBe('started\n');
    expect(run.reason).toMatch(/0\.5 s/);
    // The background `sleep` was in the hook's process group: it is stopped too, not left running for 30 s.
    const pid = Number(readFileSync(path.join(root, 'child.pid'), 'utf8'));
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(pid)).toBe(false);
  });

  it('never runs more than maxConcurrent hooks at once', async () => {
    const runner = new ControlledRunner();
    for (const n of [1, 2, 3, 4]) writeHook(root, `h${n}`, { name: `H${n}`, when: { type: 'agentStop' }, then: { type: 'runCommand', command: `c${n}` } });
    const e = await start({ runner, maxConcurrent: 2 });
    const all = e.agentStopped();
    await runner.started(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(runner.running).toBe(2);
    expect(e.runs().filter((r) => r.status === 'queued')).toHaveLength(2);
    runner.autoRelease = true;
    runner.releaseAll();
    expect((await all).map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(runner.maxRunning).toBe(2);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A command runner whose commands end when the test says so; records how many ran at once. */
class ControlledRunner implements CommandRunner {
  calls = 0;
  running = 0;
  maxRunning = 0;
  autoRelease = false;
  private releases: (() => void)[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  constructor(private readonly onRun?: (req: CommandRequest) => void) {}

  async run(req: CommandRequest): Promise<CommandResult> {
    this.calls++;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    req.onStart?.();
    this.onRun?.(req);
    this.waiters = this.waiters.filter((w) => (this.calls >= w.n ? (w.resolve(), false) : true));
    if (!this.autoRelease) await new Promise<void>((r) => this.releases.push(r));
    this.running--;
    return { exitCode: 0, signal: null, timedOut: false, cancelled: false, output: '', truncated: false };
  }

  started(n: number): Promise<void> {
    if (this.calls >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  releaseAll(): void {
    const r = this.releases;
    this.releases = [];
    for (const f of r) f();
  }
}
