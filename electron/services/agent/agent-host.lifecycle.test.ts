import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStreamEvent } from '../../../protocol';
import type { AgentLifecycle, ToolCallDone, ToolCallEvent } from './lifecycle';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GREET = "export const greet = () => 'Hello';\n";
const writeScript = [
  { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/greet.ts', text: 'overwritten\n' } } }] },
  { steps: [{ text: 'I could not write it.' }] },
];

function only<T extends AgentStreamEvent['type']>(events: AgentStreamEvent[], type: T): Extract<AgentStreamEvent, { type: T }>[] {
  return events.filter((e): e is Extract<AgentStreamEvent, { type: T }> => e.type === type);
}

/** The text of every toolResult block the model received in a request. */
function toolResultsSent(body: Record<string, unknown>): string[] {
  const messages = body.messages as { content: { toolResult?: { content: { text: string }[] } }[] }[];
  return messages.flatMap((m) => m.content.flatMap((c) => (c.toolResult ? c.toolResult.content.map((x) => x.text) : [])));
}

describe('AgentLifecycle (hooks seam)', () => {
  it('preToolUse blocks a call: the tool does not run, the model reads the reason, the card and a restart say so', async () => {
    const seen: ToolCallEvent[] = [];
    const lifecycle: AgentLifecycle = {
      preToolUse: async (e) => {
        seen.push(e);
        return e.name === 'fsWrite' ? { block: 'writes under src/ need a ticket' } : undefined;
      },
    };
    h = await startHostHarness(writeScript, { 'src/greet.ts': GREET }, { lifecycle: () => lifecycle });
    const s = await h.host.createSession({ role: 'executor', mode: 'autopilot' });
    const result = await h.host.prompt(s.id, 'Overwrite greet');

    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
    expect(seen.map((e) => [e.name, e.input, e.turn, e.session.id])).toEqual([['fsWrite', { path: 'src/greet.ts', text: 'overwritten\n' }, 1, s.id]]);
    expect(toolResultsSent(h.fake.requests[1]!.body)).toEqual(['Blocked by hook: writes under src/ need a ticket']);
    const [end] = only(h.eventsOf(s.id), 'toolEnd');
    expect(end).toMatchObject({ name: 'fsWrite', status: 'error', blocked: 'writes under src/ need a ticket', durationMs: 0 });
    expect(result.changesetId).toBeUndefined();

    const reopened = h.restart();
    const history = await reopened.history(s.id);
    expect(only(history.events, 'toolEnd')[0]).toMatchObject({ blocked: 'writes under src/ need a ticket' });
  });

  it('a preToolUse that throws blocks the call (fail closed)', async () => {
    h = await startHostHarness(writeScript, { 'src/greet.ts': GREET }, {
      lifecycle: () => ({ preToolUse: () => Promise.reject(new Error('hook file unreadable')) }),
    });
    const s = await h.host.createSession({ role: 'executor', mode: 'autopilot' });
    await h.host.prompt(s.id, 'Overwrite greet');
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
    expect(only(h.eventsOf(s.id), 'toolEnd')[0]?.blocked).toContain('hook file unreadable');
  });

  it('postToolUse sees input and output of a call that ran; toolEnd carries its duration', async () => {
    const done: ToolCallDone[] = [];
    h = await startHostHarness(
      [{ steps: [{ toolUse: { name: 'readFile', input: { path: 'src/greet.ts' } } }] }, { steps: [{ text: 'Read.' }] }],
      { 'src/greet.ts': GREET },
      { lifecycle: () => ({ postToolUse: async (e) => void done.push(e) }) },
    );
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'Read greet');
    expect(done.map((d) => [d.name, d.input, d.status])).toEqual([['readFile', { path: 'src/greet.ts' }, 'success']]);
    expect(done[0]!.output).toContain("greet = () => 'Hello'");
    const [end] = only(h.eventsOf(s.id), 'toolEnd');
    expect(typeof end?.durationMs).toBe('number');
    expect(end?.blocked).toBeUndefined();
  });

  it('promptSubmit gets the prompt and its context reaches the model; agentStop gets the closing text when the session is idle', async () => {
    const calls: string[] = [];
    let runningAtStop: boolean | undefined;
    h = await startHostHarness([{ steps: [{ text: 'All done here.' }] }], {}, {
      lifecycle: () => ({
        promptSubmit: async (e) => {
          calls.push(`submit:${e.prompt}`);
          return { context: ['Team rule: answer in English.'] };
        },
        agentStop: async (e) => {
          calls.push(`stop:${e.stopReason}:${e.text}`);
          runningAtStop = (await h!.host.listSessions()).find((x) => x.id === e.session.id)?.running;
        },
      }),
    });
    const s = await h.host.createSession({ role: 'executor' });
    const result = await h.host.prompt(s.id, 'Say hi');
    expect(calls).toEqual(['submit:Say hi', 'stop:end_turn:All done here.']);
    expect(runningAtStop).toBe(false);
    expect(result.text).toBe('All done here.');
    const sent = JSON.stringify(h.fake.requests[0]!.body.messages);
    expect(sent).toContain('Say hi');
    expect(sent).toContain('Team rule: answer in English.');
  });

  it('promptSubmit can block a prompt: no model call, the turn ends with the reason', async () => {
    h = await startHostHarness([{ steps: [{ text: 'never' }] }], {}, {
      lifecycle: () => ({ promptSubmit: async () => ({ block: 'prompts mentioning prod are not allowed' }) }),
    });
    const s = await h.host.createSession({ role: 'executor' });
    const result = await h.host.prompt(s.id, 'deploy to prod');
    expect(h.fake.requests).toHaveLength(0);
    expect(result.error).toBe('Prompt blocked by hook: prompts mentioning prod are not allowed');
    expect(only(h.eventsOf(s.id), 'turnEnd')[0]).toMatchObject({ stopReason: 'error', error: { kind: 'blocked' } });
  });

  it('a failing postToolUse or agentStop is a notice, the turn still completes', async () => {
    h = await startHostHarness(
      [{ steps: [{ toolUse: { name: 'readFile', input: { path: 'a.txt' } } }] }, { steps: [{ text: 'ok' }] }],
      { 'a.txt': 'a\n' },
      { lifecycle: () => ({ postToolUse: () => Promise.reject(new Error('boom')), agentStop: () => Promise.reject(new Error('bang')) }) },
    );
    const s = await h.host.createSession({ role: 'executor' });
    expect((await h.host.prompt(s.id, 'read a')).stopReason).toBe('end_turn');
    expect(only(h.eventsOf(s.id), 'notice').map((n) => n.message)).toEqual(['A postToolUse hook failed: boom', 'An agentStop hook failed: bang']);
  });

  it('Stop does not wait for a hook that never answers: the call is not run and the turn ends aborted', async () => {
    let asked!: () => void;
    const waiting = new Promise<void>((r) => (asked = r));
    h = await startHostHarness(writeScript, { 'src/greet.ts': GREET }, {
      lifecycle: () => ({
        preToolUse: () => {
          asked();
          return new Promise(() => {});
        },
      }),
    });
    const s = await h.host.createSession({ role: 'executor', mode: 'autopilot' });
    const done = h.host.prompt(s.id, 'Overwrite greet');
    await waiting;
    h.host.stop(s.id);
    const result = await done;
    expect(result.stopReason).toBe('aborted');
    const [end] = only(h.eventsOf(s.id), 'toolEnd');
    expect(end).toMatchObject({ status: 'error', output: 'Not run: the user pressed Stop.' });
    expect(end?.blocked).toBeUndefined();
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
  });

  it('Stop does not wait for a promptSubmit hook that never answers; the model is not called', async () => {
    let asked!: () => void;
    const waiting = new Promise<void>((r) => (asked = r));
    h = await startHostHarness([{ steps: [{ text: 'never' }] }], {}, {
      lifecycle: () => ({
        promptSubmit: () => {
          asked();
          return new Promise(() => {});
        },
      }),
    });
    const s = await h.host.createSession({ role: 'executor' });
    const done = h.host.prompt(s.id, 'hello');
    await waiting;
    h.host.stop(s.id);
    expect((await done).stopReason).toBe('aborted');
    expect(h.fake.requests).toHaveLength(0);
  });
});
