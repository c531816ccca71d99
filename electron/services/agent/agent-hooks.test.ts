import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HooksEngine } from '../hooks/hooks-engine';
import { FakeTrust, ManualFileEvents, makeWorkspace, writeHook } from '../hooks/test-support';
import { AgentHooks } from './agent-hooks';
import type { LifecycleSession } from './lifecycle';

let root: string;
let trust: FakeTrust;
let engine: HooksEngine | undefined;
let hooks: AgentHooks;

const chat: LifecycleSession = { id: 'chat-1', title: 'Chat', origin: { kind: 'chat' } };
const signal = new AbortController().signal;
const tool = (name: string, input: unknown = {}) => ({ session: chat, turn: 1, toolUseId: 't1', name, input, signal });

beforeEach(async () => {
  root = makeWorkspace();
  trust = new FakeTrust();
  hooks = new AgentHooks();
});
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function connect(): Promise<HooksEngine> {
  engine = await HooksEngine.start({ root, fileEvents: new ManualFileEvents(), trust });
  hooks.connect(Promise.resolve(engine));
  return engine;
}

describe('agent events into the hooks engine', () => {
  it('promptSubmit: a runCommand hook gets the prompt in USER_PROMPT and what it prints joins the prompt', async () => {
    writeHook(root, 'p', { name: 'Ticket', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'printf "prompt was: %s" "$USER_PROMPT"' } });
    const e = await connect();
    const out = await hooks.promptSubmit({ session: chat, turn: 1, prompt: 'fix the "login" bug', signal });
    expect(out).toEqual({ context: ['Output of the hook "Ticket":\nprompt was: fix the "login" bug'] });
    expect(e.runs()[0]).toMatchObject({ status: 'succeeded', trigger: { event: 'promptSubmit', prompt: 'fix the "login" bug' } });
  });

  it('promptSubmit: an askAgent hook adds its prompt (Kiro\'s "Add to prompt") without a turn of its own; a failing command adds its error', async () => {
    writeHook(root, 'a', { name: 'Style', when: { type: 'promptSubmit' }, then: { type: 'askAgent', prompt: 'Answer in British English.' } });
    writeHook(root, 'b', { name: 'Lint', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'echo "2 lint errors" >&2; exit 1' } });
    await connect();
    const out = await hooks.promptSubmit({ session: chat, turn: 1, prompt: 'go', signal });
    expect(out?.context).toHaveLength(2);
    expect(out?.context).toContain('Answer in British English.');
    expect(out?.context).toContainEqual(expect.stringMatching(/^The hook "Lint" returned an error \(Exited with code 1\.\):\n2 lint errors$/));
  });

  it('preToolUse: a failing hook of the matching tool type blocks the call with its output as the reason; other tools pass', async () => {
    writeHook(root, 'guard', {
      name: 'No writes to secrets',
      when: { type: 'preToolUse', toolTypes: ['write'] },
      then: { type: 'runCommand', command: 'case "$KEEL_TOOL_INPUT" in *secrets*) echo "secrets/ is off limits"; exit 2;; esac' },
    });
    const e = await connect();
    expect(await hooks.preToolUse(tool('fsWrite', { path: 'secrets/key.txt', text: 'x' }))).toEqual({ block: '"No writes to secrets": secrets/ is off limits' });
    expect(await hooks.preToolUse(tool('strReplace', { path: 'src/a.ts' }))).toBeUndefined();
    expect(await hooks.preToolUse(tool('readFile', { path: 'secrets/key.txt' }))).toBeUndefined();
    expect(e.runs().map((r) => r.trigger.tool?.name)).toEqual(['fsWrite', 'strReplace']);
    expect(e.runs()[0]?.trigger.tool).toMatchObject({ category: 'write' });
  });

  it('postToolUse and agentStop run their hooks; a turn the user stopped fires no agentStop', async () => {
    writeHook(root, 'post', { name: 'After shell', when: { type: 'postToolUse', toolTypes: ['shell'] }, then: { type: 'runCommand', command: 'echo "$KEEL_TOOL_NAME done"' } });
    writeHook(root, 'stop', { name: 'Done', when: { type: 'agentStop' }, then: { type: 'runCommand', command: 'echo finished' } });
    const e = await connect();
    await hooks.postToolUse({ ...tool('executeBash', { command: 'ls' }), status: 'success', output: 'a\nb', durationMs: 3 });
    await hooks.agentStop({ session: chat, turn: 1, stopReason: 'aborted', text: '' });
    await hooks.agentStop({ session: chat, turn: 2, stopReason: 'end_turn', text: 'ok' });
    expect(e.runs().map((r) => [r.hookName, r.status, r.output])).toEqual([
      ['After shell', 'succeeded', 'executeBash done\n'],
      ['Done', 'succeeded', 'finished\n'],
    ]);
  });

  it("a hook's own agent session fires no promptSubmit/agentStop hooks and only runCommand tool hooks", async () => {
    writeHook(root, 'p', { name: 'Prompt', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'echo p' } });
    writeHook(root, 's', { name: 'Stop', when: { type: 'agentStop' }, then: { type: 'askAgent', prompt: 'Review the turn.' } });
    writeHook(root, 'c', { name: 'Guard', when: { type: 'preToolUse', toolTypes: ['*'] }, then: { type: 'runCommand', command: 'exit 1' } });
    writeHook(root, 'g', { name: 'Ask', when: { type: 'preToolUse', toolTypes: ['*'] }, then: { type: 'askAgent', prompt: 'Is this fine?' } });
    const e = await connect();
    hooks.markHookSession('hook-session');
    const own: LifecycleSession = { id: 'hook-session', title: 'Hook: Stop', origin: { kind: 'chat' } };
    expect(await hooks.promptSubmit({ session: own, turn: 1, prompt: 'Review the turn.', signal })).toBeUndefined();
    await hooks.agentStop({ session: own, turn: 1, stopReason: 'end_turn', text: '' });
    expect(await hooks.preToolUse({ ...tool('readFile'), session: own })).toEqual({ block: '"Guard" exited with code 1.' });
    expect(e.runs().map((r) => r.hookName)).toEqual(['Guard']);
  });

  it("a hook's agent turn is not starved of run slots: its tool hooks run while it holds the only slot", async () => {
    writeHook(root, 'review', { name: 'Review', when: { type: 'userTriggered' }, then: { type: 'askAgent', prompt: 'Review.' } });
    writeHook(root, 'guard', { name: 'Guard', when: { type: 'preToolUse', toolTypes: ['read'] }, then: { type: 'runCommand', command: 'echo checked' } });
    const own: LifecycleSession = { id: 'hook-session', title: 'Hook: Review', origin: { kind: 'chat' } };
    engine = await HooksEngine.start({
      root,
      fileEvents: new ManualFileEvents(),
      trust,
      maxConcurrent: 1,
      // The hook's turn makes a tool call, as the agent host would, from inside the run.
      agent: {
        runTurn: async () => {
          hooks.markHookSession(own.id);
          const gate = await hooks.preToolUse({ ...tool('readFile'), session: own });
          return { output: gate?.block ?? 'read allowed' };
        },
      },
    });
    hooks.connect(Promise.resolve(engine));
    const run = await engine.trigger('.kiro/hooks/review.kiro.hook');
    expect(run).toMatchObject({ hookName: 'Review', status: 'succeeded', output: 'read allowed' });
    expect(engine.runs().map((r) => [r.hookName, r.status])).toEqual([
      ['Review', 'succeeded'],
      ['Guard', 'succeeded'],
    ]);
  });

  it('an untrusted folder runs no hook and blocks no tool (runs are logged as blocked)', async () => {
    writeHook(root, 'p', { name: 'Prompt', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'echo should-not-run' } });
    writeHook(root, 'c', { name: 'Guard', when: { type: 'preToolUse', toolTypes: ['*'] }, then: { type: 'runCommand', command: 'exit 1' } });
    trust.trusted = false;
    const e = await connect();
    expect(await hooks.promptSubmit({ session: chat, turn: 1, prompt: 'hi', signal })).toBeUndefined();
    expect(await hooks.preToolUse(tool('readFile'))).toBeUndefined();
    expect(e.runs().map((r) => r.status)).toEqual(['blocked', 'blocked']);
    expect(e.runs().every((r) => r.output === '')).toBe(true);
  });

  it('before the hooks service connects, nothing runs and nothing is blocked', async () => {
    expect(await hooks.promptSubmit({ session: chat, turn: 1, prompt: 'hi', signal })).toBeUndefined();
    expect(await hooks.preToolUse(tool('executeBash'))).toBeUndefined();
  });

  it('SessionStart (v1) runs at a session\'s first prompt only; its output joins that prompt; the session id reaches the payload', async () => {
    const v1 = { version: 'v1', hooks: [
      { name: 'Context', trigger: 'SessionStart', action: { type: 'command', command: 'echo "project: keel"' } },
      { name: 'Who', trigger: 'UserPromptSubmit', action: { type: 'command', command: 'cat' } },
    ] };
    writeFileSync(path.join(root, '.kiro/hooks/start.json'), JSON.stringify(v1));
    await connect();
    const first = await hooks.promptSubmit({ session: chat, turn: 1, prompt: 'hi', signal });
    expect(first?.context?.[0]).toBe('Output of the hook "Context":\nproject: keel');
    expect(JSON.parse((first?.context?.[1] ?? '').replace(/^Output of the hook "Who":\n/, ''))).toMatchObject({ session_id: 'chat-1', hook_event_name: 'UserPromptSubmit', prompt: 'hi' });
    const second = await hooks.promptSubmit({ session: chat, turn: 2, prompt: 'again', signal });
    expect(second?.context).toHaveLength(1);
  });
});
