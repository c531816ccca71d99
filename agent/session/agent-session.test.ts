import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScript } from '../../e2e/fixtures/fake-bedrock';
import { JsonlSessionStore } from '../node/jsonl-session-store';
import { NodeWorkspace } from '../node/workspace-fs';
import { AgentSession } from './agent-session';
import type { AgentEvent } from './events';
import { loadSessionState } from './replay';
import { startHarness, type Harness } from '../testing/bedrock-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const messagesOf = (i: number): Array<{ role: string; content: Array<Record<string, unknown>> }> =>
  h!.fake.requests[i]!.body.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
const toolResultsOf = (i: number): Array<{ status: string; content: Array<{ text: string }> }> =>
  messagesOf(i).flatMap((m) => m.content.flatMap((c) => (c.toolResult ? [c.toolResult as { status: string; content: Array<{ text: string }> }] : [])));

describe('a turn that reads a file and proposes an edit (Supervised)', () => {
  it('holds the edit in the changeset until accepted, then writes the bytes', async () => {
    h = await startHarness(
      [
        { steps: [{ text: 'Reading it.' }, { toolUse: { name: 'readFile', input: { path: 'src/greet.ts' } } }] },
        { steps: [{ toolUse: { name: 'strReplace', input: { path: 'src/greet.ts', oldStr: "'Hello'", newStr: "'Hello, world'" } } }] },
        { steps: [{ text: 'I changed the greeting.' }] },
      ],
      { files: { 'src/greet.ts': "export const greet = () => 'Hello';\n" } },
    );
    const session = await h.newSession();
    const events: AgentEvent[] = [];
    const result = await session.runTurn('Make the greeting say hello world', { onEvent: (e) => events.push(e) });

    expect(result.stopReason).toBe('end_turn');
    expect(result.text).toBe('I changed the greeting.');
    // The model saw the file's content as the tool result.
    expect(toolResultsOf(1)[0]?.content[0]?.text).toBe("export const greet = () => 'Hello';\n");
    expect(h.changeset.summary()).toEqual([{ path: 'src/greet.ts', kind: 'modify', added: 1, removed: 1 }]);
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe("export const greet = () => 'Hello';\n");
    expect(events.filter((e) => e.type === 'toolResult').map((e) => e.type === 'toolResult' && e.name)).toEqual(['readFile', 'strReplace']);
    expect(events.at(-1)).toEqual({ type: 'turnEnd', stopReason: 'end_turn' });

    const ws = await NodeWorkspace.open(h.root);
    expect(await h.changeset.accept(ws)).toEqual({ applied: ['src/greet.ts'], conflicts: [] });
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe("export const greet = () => 'Hello, world';\n");
  });
});

describe('faults', () => {
  it('retries an in-stream throttling exception with backoff, discarding the partial answer', async () => {
    h = await startHarness([
      { steps: [{ text: 'Half an ans' }, { exception: 'throttlingException', message: 'Too many requests' }] },
      { steps: [{ httpError: { status: 503, type: 'ServiceUnavailableException', message: 'busy' } }] },
      { steps: [{ text: 'The full answer.' }] },
    ]);
    const session = await h.newSession();
    const events: AgentEvent[] = [];
    const result = await session.runTurn('hi', { onEvent: (e) => events.push(e) });
    expect(result.text).toBe('The full answer.');
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.kind)).toEqual(['throttled', 'server']);
    // Exponential: the second wait is longer than the first (random fixed at 0.5).
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps[1]!).toBeGreaterThan(h.sleeps[0]!);
    expect(session.history.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'The full answer.' }] });
  });

  it('gives up after the retry budget with a message that says what to do', async () => {
    const script: FakeScript = () => ({ steps: [{ exception: 'throttlingException' }] });
    h = await startHarness(script);
    const session = await h.newSession();
    const result = await session.runTurn('hi');
    expect(result.stopReason).toBe('error');
    expect(result.error?.kind).toBe('throttled');
    expect(result.error?.message).toMatch(/wait a minute|quota/);
    expect(h.fake.requests).toHaveLength(6);
  });

  it('does not retry access denied, and says to check credentials', async () => {
    h = await startHarness([{ steps: [{ httpError: { status: 403, type: 'AccessDeniedException', message: 'not authorized' } }] }]);
    const result = await (await h.newSession()).runTurn('hi');
    expect(result.error?.kind).toBe('accessDenied');
    expect(h.fake.requests).toHaveLength(1);
  });

  it('recovers a stream cut mid-answer without running the earlier tool again', async () => {
    h = await startHarness([
      { steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo ran >> count.txt' } } }] },
      { steps: [{ text: 'The command ran and now I am expl' }, { cut: true }] },
      { steps: [{ text: 'The command ran once.' }] },
    ]);
    const session = await h.newSession();
    const result = await session.runTurn('run it');
    expect(result.text).toBe('The command ran once.');
    expect(await readFile(join(h.root, 'count.txt'), 'utf8')).toBe('ran\n');
    // The retried call carried exactly the same conversation as the cut one.
    expect(h.fake.requests[2]!.raw).toBe(h.fake.requests[1]!.raw);
  });

  it('a tool use inside a cut answer runs once, from the retried answer', async () => {
    h = await startHarness([
      { steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo ran >> count.txt' } } }, { cut: true }] },
      { steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo ran >> count.txt' } } }] },
      { steps: [{ text: 'done' }] },
    ]);
    const result = await (await h.newSession()).runTurn('run it');
    expect(result.text).toBe('done');
    expect(await readFile(join(h.root, 'count.txt'), 'utf8')).toBe('ran\n');
  });
});

describe('Stop', () => {
  it('aborts a streaming answer', async () => {
    h = await startHarness([{ steps: [{ text: 'Let me think about this' }, { hang: true }] }, { steps: [{ text: 'next turn works' }] }]);
    const session = await h.newSession();
    const ac = new AbortController();
    const result = await session.runTurn('think', { signal: ac.signal, onEvent: (e) => e.type === 'textDelta' && ac.abort() });
    expect(result.stopReason).toBe('aborted');
    // The session stays usable: the next turn is a valid request and gets an answer.
    expect((await session.runTurn('again')).text).toBe('next turn works');
  });

  it('kills a running command and ends the turn', async () => {
    h = await startHarness([{ steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo $$ > pid; sleep 60' } } }] }]);
    const session = await h.newSession();
    const ac = new AbortController();
    const turn = session.runTurn('run the server', {
      signal: ac.signal,
      onEvent: (e) => {
        if (e.type === 'toolStart') void waitForPid(h!.root).then(() => ac.abort());
      },
    });
    const result = await turn;
    expect(result.stopReason).toBe('aborted');
    const pid = Number(await readFile(join(h.root, 'pid'), 'utf8'));
    expect(isAlive(pid)).toBe(false);
    expect(h.fake.requests).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('a .env file is not read, and its content reaches neither the model nor the session file', async () => {
    h = await startHarness(
      [{ steps: [{ toolUse: { name: 'readFile', input: { path: '.env' } } }] }, { steps: [{ text: 'I cannot read it.' }] }],
      { files: { '.env': 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n' } },
    );
    const session = await h.newSession();
    await session.runTurn('show me .env');
    const result = toolResultsOf(1)[0]!;
    expect(result.status).toBe('error');
    expect(result.content[0]!.text).toMatch(/secret/);
    expect(h.fake.requests.map((r) => r.raw).join('')).not.toContain('wJalrXUtnFEMI');
    const saved = await readFile(join(h.store.dir, `${session.id}.jsonl`), 'utf8');
    expect(saved).not.toContain('wJalrXUtnFEMI');
  });
});

describe('sessions survive a restart', () => {
  it('reloads history, usage and the pending changeset from JSONL, and continues', async () => {
    h = await startHarness(
      [
        { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'notes.md', text: '# Notes\n' } } }] },
        { steps: [{ text: 'Created notes.md.' }] },
        { steps: [{ text: 'You asked me to create notes.md.' }] },
      ],
      {},
    );
    const first = await h.newSession();
    await first.runTurn('create notes.md');
    // A crash mid-write leaves half a line; it must not stop the reload.
    await appendFile(join(h.store.dir, `${first.id}.jsonl`), '{"type":"message","mess');

    const store = await JsonlSessionStore.open(h.userData, h.root);
    expect((await store.list()).map((s) => s.id)).toEqual([first.id]);
    const state = await loadSessionState(store, first.id);
    expect(state.skippedLines).toBe(1);
    expect(state.messages).toEqual(first.history);
    expect(state.usage).toEqual(first.totals.usage);
    expect(state.changes).toEqual([{ path: 'notes.md', original: null, proposed: '# Notes\n' }]);

    const resumed = AgentSession.resume(state, { ...h.options, store });
    const result = await resumed.runTurn('what did I ask?');
    expect(result.text).toBe('You asked me to create notes.md.');
    expect(messagesOf(2).length).toBe(first.history.length + 1);
  });

  it('refuses a user-data directory inside the workspace', async () => {
    h = await startHarness([]);
    await expect(JsonlSessionStore.open(join(h.root, '.keel'), h.root)).rejects.toThrow(/inside the workspace/);
  });
});

async function waitForPid(root: string): Promise<void> {
  while (!(await readFile(join(root, 'pid'), 'utf8').catch(() => '')).endsWith('\n')) await new Promise((r) => setTimeout(r, 10));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('resuming after a crash between a model answer and its tool results', () => {
  it('reuses the tool that ran and reports the one that did not, without running either', async () => {
    h = await startHarness([{ steps: [{ text: 'Resumed.' }] }]);
    const id = 'crashed-session';
    await h.store.append(id, [
      { type: 'meta', version: 1, id, createdAt: '2026-01-01T00:00:00.000Z' },
      { type: 'message', message: { role: 'user', content: [{ type: 'text', text: 'run both' }] } },
      {
        type: 'message',
        message: {
          role: 'assistant',
          content: [
            { type: 'toolUse', id: 'ran', name: 'executeBash', input: { command: 'echo ran >> count.txt' } },
            { type: 'toolUse', id: 'never', name: 'executeBash', input: { command: 'echo never >> count.txt' } },
          ],
        },
      },
      { type: 'toolRun', toolUseId: 'ran', name: 'executeBash', status: 'success', content: 'Exit code: 0\n' },
    ]);
    const session = AgentSession.resume(await loadSessionState(h.store, id), h.options);
    const result = await session.runTurn('continue');
    expect(result.text).toBe('Resumed.');
    const results = toolResultsOf(0);
    expect(results.map((r) => r.content[0]!.text)).toEqual(['Exit code: 0\n', 'Not run: the session was interrupted before this tool ran.']);
    await expect(readFile(join(h.root, 'count.txt'))).rejects.toThrow();
  });

  it('refuses a second turn while one is running', async () => {
    h = await startHarness([{ steps: [{ text: 'slow' }, { hang: true }] }]);
    const session = await h.newSession();
    const ac = new AbortController();
    const first = session.runTurn('one', { signal: ac.signal });
    await expect(session.runTurn('two')).rejects.toThrow(/already running/);
    ac.abort();
    expect((await first).stopReason).toBe('aborted');
  });
});
