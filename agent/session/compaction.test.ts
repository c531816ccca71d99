import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScript, RecordedRequest } from '../../e2e/fixtures/fake-bedrock';
import type { ChatMessage, Usage } from '../core/messages';
import { SUMMARY_TAG } from '../context/compact';
import { startHarness, type Harness } from '../testing/bedrock-harness';
import { AgentSession } from './agent-session';
import type { SessionRecord } from './records';
import { loadSessionState, replayRecords } from './replay';
import { SUMMARY_SYSTEM } from './summarize';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Body = { toolConfig?: unknown; system?: { text?: string }[]; messages: { role: string; content: { text?: string }[] }[] };
const body = (r: RecordedRequest) => JSON.parse(r.raw) as Body;
const isSummaryCall = (r: RecordedRequest) => body(r).system?.[0]?.text === SUMMARY_SYSTEM;

const script: FakeScript = (req, i) =>
  isSummaryCall(req)
    ? { steps: [{ text: 'SUMMARY: the user asked about modules 1 to 3; nothing was changed.' }] }
    : { steps: [{ text: `Answer ${i}: ${'the module does this and that. '.repeat(25)}` }] };

describe('compaction near the context window', () => {
  it('summarises old turns with the model, keeps the cached prefix bytes, and a reload sends the same history', async () => {
    h = await startHarness(script);
    h.options.compaction = { contextWindowTokens: 2_000 };
    const session = await h.newSession();
    const usages: Usage[] = [];
    let compacted = 0;
    for (let turn = 1; turn <= 6; turn++) {
      await session.runTurn(`question ${turn}: ${'explain the module in detail '.repeat(10)}`, {
        onEvent: (e) => {
          if (e.type === 'usage') usages.push(e.call);
          if (e.type === 'compacted') compacted++;
        },
      });
    }
    expect(compacted).toBeGreaterThan(0);
    expect(session.compactions).toBe(compacted);

    const requests = h.fake.requests;
    const summaryAt = requests.findIndex(isSummaryCall);
    expect(summaryAt).toBeGreaterThan(0);
    // The summary call has no tools, and the summary itself costs tokens the meter shows.
    expect(body(requests[summaryAt]!).toolConfig).toBeUndefined();
    expect(usages).toHaveLength(requests.length);

    const first = body(requests[0]!);
    const after = body(requests[summaryAt + 1]!);
    expect(JSON.stringify(after.system)).toBe(JSON.stringify(first.system));
    expect(JSON.stringify(after.toolConfig)).toBe(JSON.stringify(first.toolConfig));
    expect(after.messages[0]!.content[0]!.text).toContain(`<${SUMMARY_TAG}`);
    expect(after.messages[0]!.content[0]!.text).toContain('SUMMARY: the user asked about modules 1 to 3');
    // The prefix before the messages is still served from the cache after the history changed.
    expect(usages[summaryAt + 1]!.cacheReadTokens).toBeGreaterThan(0);

    // A restart replays the saved compaction: the model is sent exactly what the live session would send.
    const state = await loadSessionState(h.store, session.id);
    expect(state.compactions).toBe(compacted);
    const resumed = AgentSession.resume(state, h.options);
    expect(JSON.stringify(resumed.buildRequest())).toBe(JSON.stringify(session.buildRequest()));
  });

  it('falls back to an outline when the summary call fails, and the turn still answers', async () => {
    h = await startHarness((req, i) =>
      isSummaryCall(req) ? { steps: [{ httpError: { status: 400, type: 'ValidationException', message: 'too long' } }] } : { steps: [{ text: `Answer ${i} ${'x '.repeat(300)}` }] },
    );
    h.options.compaction = { contextWindowTokens: 2_000 };
    const session = await h.newSession();
    const fallbacks: boolean[] = [];
    for (let turn = 1; turn <= 6; turn++) {
      const r = await session.runTurn(`question ${turn} ${'y '.repeat(200)}`, { onEvent: (e) => e.type === 'compacted' && fallbacks.push(e.usedFallback) });
      expect(r.stopReason).toBe('end_turn');
    }
    expect(fallbacks.length).toBeGreaterThan(0);
    expect(fallbacks.every(Boolean)).toBe(true);
    const text = session.history[0]!.content[0];
    expect(text?.type === 'text' && text.text).toContain('User: question 1');
  });
});

describe('restoring a checkpoint older than a compaction', () => {
  const msg = (role: 'user' | 'assistant', text: string): ChatMessage => ({ role, content: [{ type: 'text', text }] });
  const records: SessionRecord[] = [
    { type: 'meta', version: 1, id: 's', createdAt: '2026-01-01T00:00:00Z' },
    ...['q1', 'a1', 'q2', 'a2', 'q3', 'a3'].map((t, i): SessionRecord => ({ type: 'message', message: msg(i % 2 ? 'assistant' : 'user', t) })),
    { type: 'compaction', summarizedMessages: 4, summary: 'S' },
    { type: 'message', message: msg('user', 'q4') },
  ];

  it('replays the compaction, and a restore made before it brings the summarised messages back', () => {
    const compacted = replayRecords(records, 's');
    expect(compacted.compactions).toBe(1);
    expect(compacted.messages.map((m) => m.content.map((b) => (b.type === 'text' ? b.text : '')).join('|'))).toEqual([
      `<${SUMMARY_TAG} messages="4">\nS\n</${SUMMARY_TAG}>|q3`,
      'a3',
      'q4',
    ]);
    // The checkpoint of turn 2 was taken with 2 messages and no compaction yet.
    const restored = replayRecords([...records, { type: 'restore', checkpointId: 'abc1234', messageCount: 2, compactions: 0 }], 's');
    expect(restored.compactions).toBe(0);
    expect(restored.messages).toEqual([msg('user', 'q1'), msg('assistant', 'a1')]);
    // A checkpoint taken after the compaction cuts the compacted history.
    const later = replayRecords([...records, { type: 'restore', checkpointId: 'abc1234', messageCount: 2, compactions: 1 }], 's');
    expect(later.messages).toHaveLength(2);
    expect(later.compactions).toBe(1);
  });
});
