import { describe, expect, it } from 'vitest';
import type { AgentSessionInfo, AgentStreamEvent } from '../../../protocol/agent';
import { RequestError } from '../../../protocol/error-codes';
import { ChatController } from './chatController';
import { createChatStore } from './chatStore';

const totals = { usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: null };
const info = (id: string, extra: Partial<AgentSessionInfo> = {}): AgentSessionInfo => ({
  id,
  title: `Session ${id}`,
  role: 'executor',
  mode: 'supervised',
  modelId: 'model-x',
  createdAt: '2026-01-01T00:00:00Z',
  open: true,
  running: false,
  totals,
  ...extra,
});

/** A host double: answers requests from a table, records them, and lets the test emit events. */
function fakeHost(handlers: Record<string, (payload: never) => unknown>) {
  const listeners = new Map<string, ((p: unknown) => void)[]>();
  const calls: { channel: string; payload: unknown }[] = [];
  const client = {
    request: async (channel: string, payload: unknown) => {
      calls.push({ channel, payload });
      const h = handlers[channel];
      if (!h) throw new RequestError('NOT_FOUND', `no handler for ${channel}`, channel as never);
      return h(payload as never);
    },
    on: (event: string, l: (p: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return () => {};
    },
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const frames: (() => void)[] = [];
  const flush = () => frames.splice(0).forEach((f) => f());
  return { client: client as never, calls, emit, frames, flush };
}

const live = (sessionId: string, seq: number, event: AgentStreamEvent) => ({ sessionId, seq, event });

describe('ChatController', () => {
  it('reattaches: open sessions come back with their transcript; live events already in the history are not shown twice', async () => {
    let releaseHistory!: () => void;
    const historyGate = new Promise<void>((r) => (releaseHistory = r));
    const host = fakeHost({
      'agent/listSessions': () => [info('a', { running: true }), info('old', { open: false })],
      'agent/history': async () => {
        await historyGate;
        return {
          session: info('a', { running: true }),
          events: [{ type: 'turnStart', turn: 1, text: 'explain', chips: [] }, { type: 'textDelta', text: 'It ' }],
          lastSeq: 2,
        };
      },
    });
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    const started = c.start();
    // Live events while the history loads: seq 2 is in the history, seq 3 is new.
    host.emit('agent/event', live('a', 2, { type: 'textDelta', text: 'It ' }));
    host.emit('agent/event', live('a', 3, { type: 'textDelta', text: 'works.' }));
    host.flush();
    releaseHistory();
    await started;
    const s = c.store.getState();
    expect(s.tabs).toEqual(['a']);
    expect(s.active).toBe('a');
    expect(s.sessions.a!.items.map((i) => (i.kind === 'text' || i.kind === 'user' ? i.text : i.kind))).toEqual(['explain', 'It works.']);
    expect(s.sessions.a!.busy).toBe(true);
    expect(s.saved.map((x) => x.id)).toEqual(['a', 'old']);
  });

  it('applies a burst of live deltas in one store update per frame', async () => {
    const host = fakeHost({
      'agent/listSessions': () => [info('a')],
      'agent/history': () => ({ session: info('a'), events: [], lastSeq: 0 }),
    });
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    await c.start();
    let updates = 0;
    c.store.subscribe(() => updates++);
    host.emit('agent/event', live('a', 1, { type: 'turnStart', turn: 1, text: 'q', chips: [] }));
    for (let i = 0; i < 50; i++) host.emit('agent/event', live('a', i + 2, { type: 'textDelta', text: 'x' }));
    expect(updates).toBe(0);
    host.flush();
    expect(updates).toBe(1);
    expect(c.store.getState().sessions.a!.items[1]).toMatchObject({ kind: 'text', text: 'x'.repeat(50) });
  });

  it('the first prompt creates a session, takes the draft along and clears it once the host accepted it', async () => {
    const host = fakeHost({
      'agent/listSessions': () => [],
      'agent/createSession': () => info('n'),
      'agent/prompt': () => ({ turn: 1 }),
    });
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    await c.start();
    c.setDraft({ text: '  add a test  ', chips: [{ kind: 'file', target: 'src/a.ts' }, { kind: 'gitDiff' }] });
    await c.send();
    expect(host.calls.find((x) => x.channel === 'agent/prompt')!.payload).toEqual({
      sessionId: 'n',
      text: 'add a test',
      chips: [{ kind: 'file', target: 'src/a.ts' }, { kind: 'gitDiff' }],
      workbench: { openFiles: [] },
    });
    expect(c.store.getState().active).toBe('n');
    expect(c.draft()).toEqual({ text: '', chips: [] });
  });

  it('sends the open files, the active terminal for #terminal and the Problems list only with #problems', async () => {
    const host = fakeHost({ 'agent/listSessions': () => [info('a')], 'agent/history': () => ({ session: info('a'), events: [], lastSeq: 0 }), 'agent/prompt': () => ({ turn: 1 }) });
    const problem = { path: 'src/a.ts', line: 3, column: 1, severity: 'error' as const, message: 'Bad', source: 'specs' };
    const wb = { openFiles: ['src/a.ts', 'README.md'], activeFile: 'src/a.ts', activeTerminal: 't2', problems: () => [problem] };
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f), () => wb);
    await c.start();
    c.setDraft({ text: 'why does it fail', chips: [{ kind: 'terminal' }, { kind: 'terminal', target: 't1' }] });
    await c.send();
    c.setDraft({ text: 'fix these', chips: [{ kind: 'problems' }] });
    await c.send();
    const [first, second] = host.calls.filter((x) => x.channel === 'agent/prompt').map((x) => x.payload);
    expect(first).toMatchObject({
      chips: [{ kind: 'terminal', target: 't2' }, { kind: 'terminal', target: 't1' }],
      workbench: { openFiles: ['src/a.ts', 'README.md'], activeFile: 'src/a.ts' },
    });
    expect(first).not.toHaveProperty('workbench.problems');
    expect(second).toMatchObject({ chips: [{ kind: 'problems' }], workbench: { problems: [problem] } });
  });

  it('keeps the draft when the host refuses the prompt (nothing the user wrote is lost)', async () => {
    const host = fakeHost({
      'agent/listSessions': () => [info('a')],
      'agent/history': () => ({ session: info('a'), events: [], lastSeq: 0 }),
      'agent/prompt': () => {
        throw new RequestError('CONFLICT', 'A turn is already running in this session.', 'agent/prompt');
      },
    });
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    await c.start();
    c.setDraft({ text: 'second prompt', chips: [] });
    await expect(c.send()).rejects.toThrow('already running');
    expect(c.draft().text).toBe('second prompt');
    expect(c.store.getState().sending).toBe(false);
  });

  it('drafts belong to their session; closing a tab selects its neighbour', async () => {
    const host = fakeHost({
      'agent/listSessions': () => [info('a'), info('b'), info('c')],
      'agent/history': ({ sessionId }: { sessionId: string }) => ({ session: info(sessionId), events: [], lastSeq: 0 }),
      'agent/closeSession': () => ({}),
    });
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    await c.start();
    c.select('b');
    c.setDraft({ text: 'for b', chips: [] });
    c.select('a');
    expect(c.draft().text).toBe('');
    c.select('b');
    expect(c.draft().text).toBe('for b');
    await c.close('b');
    expect(c.store.getState().tabs.sort()).toEqual(['a', 'c']);
    expect(c.store.getState().active).not.toBe('b');
    expect(c.store.getState().active).not.toBeNull();
  });

  it('follows the host: a session opened in another window gets a tab, one closed there loses it', async () => {
    const host = fakeHost({
      'agent/listSessions': () => [info('a')],
      'agent/history': ({ sessionId }: { sessionId: string }) => ({ session: info(sessionId), events: [], lastSeq: 0 }),
    });
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    await c.start();
    host.emit('agent/sessions', { sessions: [info('a'), info('b')] });
    await expect.poll(() => c.store.getState().tabs).toEqual(['a', 'b']);
    host.emit('agent/sessions', { sessions: [info('a', { open: false }), info('b', { running: true })] });
    expect(c.store.getState()).toMatchObject({ tabs: ['b'], active: 'b' });
    expect(c.store.getState().sessions.b!.info.running).toBe(true);
  });

  it('says why when the agent host cannot be reached, instead of an empty pane', async () => {
    const host = fakeHost({});
    const c = new ChatController(host.client, createChatStore(), (f) => host.frames.push(f));
    await c.start();
    expect(c.store.getState()).toMatchObject({ ready: true, loadError: expect.stringContaining('agent/listSessions') });
  });
});
