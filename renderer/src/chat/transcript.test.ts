import { describe, expect, it } from 'vitest';
import type { ChatEvent, SessionInfo, SessionView } from './model';
import { applyEvents, emptySession } from './transcript';

const cost = (input: number, output: number, costUsd: number | null = null) => ({
  usage: { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0 },
  costUsd,
});
const info: SessionInfo = {
  id: 's1',
  title: 'Chat',
  role: 'executor',
  mode: 'supervised',
  modelId: 'amazon.nova-pro-v1:0',
  createdAt: '2026-01-01T00:00:00Z',
  open: true,
  running: false,
  totals: cost(0, 0),
};
const run = (...events: ChatEvent[]) => applyEvents(emptySession(info), events);
const kinds = (s: SessionView) => s.items.map((i) => i.kind);
const start = (text = 'q', turn = 1): ChatEvent => ({ type: 'turnStart', turn, text, chips: [] });

describe('transcript', () => {
  it('shows the prompt, joins streamed deltas into one answer and finishes it at the end of the turn', () => {
    let s = run(start('hi'), { type: 'textDelta', text: 'Hel' });
    expect(s.busy).toBe(true);
    s = applyEvents(s, [{ type: 'textDelta', text: 'lo' }]);
    expect(s.items[0]).toMatchObject({ kind: 'user', text: 'hi', turn: 1 });
    expect(s.items[1]).toMatchObject({ kind: 'text', text: 'Hello', streaming: true });
    s = applyEvents(s, [{ type: 'turnEnd', stopReason: 'end_turn' }]);
    expect(s.items[1]).toMatchObject({ kind: 'text', text: 'Hello', streaming: false });
    expect(kinds(s)).toEqual(['user', 'text', 'turnEnd']);
    expect(s.busy).toBe(false);
  });

  it('keeps finished items identical while a later answer streams (memoised rows do not re-render)', () => {
    const s1 = run(start('a'), { type: 'textDelta', text: 'x' });
    const s2 = applyEvents(s1, [{ type: 'textDelta', text: 'y' }]);
    expect(s2.items[0]).toBe(s1.items[0]);
    expect(s2.items[1]).not.toBe(s1.items[1]);
    expect(s1.items[1]).toMatchObject({ text: 'x' });
  });

  it('shows a tool call from start to result with its output, timed by arrival (none for replayed history)', () => {
    const s = run(
      start('read it'),
      { type: 'textDelta', text: 'Reading.' },
      { type: 'toolStart', toolUseId: 't1', name: 'readFile', input: { path: 'a.txt' } },
      { type: 'toolOutput', toolUseId: 't1', chunk: 'partial' },
    );
    expect(s.items[1]).toMatchObject({ kind: 'text', streaming: false });
    expect(s.items[2]).toMatchObject({ kind: 'tool', name: 'readFile', status: 'running', output: 'partial', input: { path: 'a.txt' } });
    const timed = applyEvents(s, [{ type: 'toolStart', toolUseId: 't2', name: 'grepSearch', input: { query: 'x' } }], [1000]);
    const done = applyEvents(
      timed,
      [
        { type: 'toolEnd', toolUseId: 't1', name: 'readFile', status: 'success', output: 'file text', reused: false },
        { type: 'toolEnd', toolUseId: 't2', name: 'grepSearch', status: 'error', output: 'bad regex', reused: false },
      ],
      [1100, 1250],
    );
    expect(done.items[2]).toMatchObject({ status: 'success', output: 'file text', durationMs: undefined });
    expect(done.items[3]).toMatchObject({ status: 'error', output: 'bad regex', durationMs: 250 });
  });

  it("prefers the host's measured tool duration, and marks a call a hook blocked", () => {
    const s = applyEvents(
      run(start('write'), { type: 'toolStart', toolUseId: 't1', name: 'fsWrite', input: { path: 'a' } }, { type: 'toolStart', toolUseId: 't2', name: 'readFile', input: {} }),
      [
        { type: 'toolEnd', toolUseId: 't1', name: 'fsWrite', status: 'error', output: 'Blocked by hook: no', reused: false, durationMs: 0, blocked: 'no' },
        { type: 'toolEnd', toolUseId: 't2', name: 'readFile', status: 'success', output: 'x', reused: false, durationMs: 1234 },
      ],
      [5, 6],
    );
    expect(s.items[1]).toMatchObject({ kind: 'tool', status: 'error', blocked: 'no', durationMs: 0 });
    expect(s.items[2]).toMatchObject({ kind: 'tool', status: 'success', durationMs: 1234 });
    expect(s.items[2]).not.toHaveProperty('blocked');
  });

  it("shows the host's notices (a missing include, a refused secret) and keeps them when the turn ends", () => {
    const s = run(start('q'), { type: 'notice', message: 'The file .env is a secret; attach it with #file to share it.' }, { type: 'turnEnd', stopReason: 'end_turn' });
    expect(s.items.filter((i) => i.kind === 'notice')).toMatchObject([{ text: 'The file .env is a secret; attach it with #file to share it.' }]);
  });

  it('says where the history was summarised, without hiding what came before', () => {
    const s = run(start('q1'), { type: 'textDelta', text: 'a1' }, { type: 'turnEnd', stopReason: 'end_turn' }, start('q2', 2), { type: 'compacted', summarizedMessages: 12 });
    expect(kinds(s)).toEqual(['user', 'text', 'turnEnd', 'user', 'notice']);
    expect(s.items[4]).toMatchObject({ text: expect.stringContaining('first 12 messages were summarised') });
  });

  it('drops the half-streamed answer on a retry, and the retry note once the answer completes', () => {
    let s = run(start(), { type: 'textDelta', text: 'Half an ans' });
    s = applyEvents(s, [{ type: 'retry', attempt: 2, delayMs: 1500, error: { kind: 'throttled', message: 'Bedrock is throttling.' } }]);
    expect(kinds(s)).toEqual(['user', 'notice']);
    expect(s.items[1]).toMatchObject({ text: expect.stringContaining('attempt 2') });
    s = applyEvents(s, [{ type: 'textDelta', text: 'Whole answer' }, { type: 'turnEnd', stopReason: 'end_turn' }]);
    expect(kinds(s)).toEqual(['user', 'text', 'turnEnd']);
    expect(s.items[1]).toMatchObject({ text: 'Whole answer' });
  });

  it('marks running tools stopped and shows the error with its advice when a turn fails', () => {
    const s = run(
      start('go'),
      { type: 'toolStart', toolUseId: 't1', name: 'executeBash', input: { command: 'sleep 100' } },
      { type: 'turnEnd', stopReason: 'error', error: { kind: 'accessDenied', message: 'Enable model access in the Bedrock console.' } },
    );
    expect(s.items[1]).toMatchObject({ kind: 'tool', status: 'stopped' });
    expect(s.items[2]).toMatchObject({ kind: 'error', errorKind: 'accessDenied', message: 'Enable model access in the Bedrock console.' });
    expect(s.busy).toBe(false);
  });

  it('a Stop ends the turn quietly (no error card), keeping what streamed so far', () => {
    const s = run(start(), { type: 'textDelta', text: 'Partial' }, { type: 'turnEnd', stopReason: 'aborted', error: { kind: 'aborted', message: 'Stopped.' } });
    expect(kinds(s)).toEqual(['user', 'text', 'turnEnd']);
    expect(s.items[2]).toMatchObject({ stopReason: 'aborted' });
  });

  it('puts the turn usage on the turn end and keeps session totals', () => {
    const s = run(start(), { type: 'usage', modelId: 'm', call: cost(10, 5).usage, turn: cost(10, 5, 0.01), session: cost(30, 9, 0.03) }, { type: 'turnEnd', stopReason: 'end_turn' });
    expect(s.items[1]).toMatchObject({ kind: 'turnEnd', modelId: 'm', usage: cost(10, 5, 0.01) });
    expect(s.sessionUsage).toEqual(cost(30, 9, 0.03));
  });

  it('updates one changeset card when the same changeset grows, and settles it', () => {
    const file = (added: number) => ({ path: 'a.ts', kind: 'modify' as const, added, removed: 1 });
    let s = run(
      { type: 'changeset', changesetId: 'c1', applied: false, files: [file(1)] },
      { type: 'changeset', changesetId: 'c1', applied: false, files: [file(3)] },
    );
    expect(kinds(s)).toEqual(['changeset']);
    expect(s.items[0]).toMatchObject({ files: [file(3)], status: 'pending' });
    s = applyEvents(s, [{ type: 'changesetSettled', changesetId: 'c1', status: 'applied' }]);
    expect(s.items[0]).toMatchObject({ status: 'applied' });
  });

  it('an approval card waits for an answer and closes when answered or when the turn ends', () => {
    let s = run(start(), { type: 'commandApproval', requestId: 'r1', command: 'npm test', cwd: '.' });
    expect(s.items[1]).toMatchObject({ kind: 'approval', command: 'npm test', done: false });
    s = applyEvents(s, [{ type: 'commandApprovalDone', requestId: 'r1' }]);
    expect(s.items[1]).toMatchObject({ done: true });
  });

  it('a restored checkpoint removes that turn and what followed', () => {
    const s = run(start('one', 1), { type: 'turnEnd', stopReason: 'end_turn' }, start('two', 2), { type: 'textDelta', text: 'x' }, { type: 'turnEnd', stopReason: 'end_turn' }, { type: 'restored', checkpointId: 'abc1234', turn: 2 });
    expect(kinds(s)).toEqual(['user', 'turnEnd', 'notice']);
    expect(s.items[0]).toMatchObject({ text: 'one' });
  });
});
