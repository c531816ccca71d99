import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScript, RecordedRequest } from '../../../e2e/fixtures/fake-bedrock';
import { SUMMARY_SYSTEM } from '../../../agent/session/summarize';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Body = { system?: { text?: string }[]; messages: { content: { text?: string }[] }[] };
const body = (r: RecordedRequest) => JSON.parse(r.raw) as Body;
const script: FakeScript = (req, i) =>
  body(req).system?.[0]?.text === SUMMARY_SYSTEM
    ? { steps: [{ text: 'SUMMARY: earlier questions about the module.' }] }
    : { steps: [{ text: `Answer ${i}: ${'the module does this and that. '.repeat(25)}` }] };

describe('compaction in the hosted session', () => {
  it('shows where the history was summarised, and after a restart the model gets the same compacted history', async () => {
    // The system prompt and tools alone are ~800 estimated tokens; a small window makes a few turns overflow it.
    h = await startHostHarness(script, {}, { contextWindowTokens: 2_000 });
    const s = await h.host.createSession({ role: 'executor' });
    for (let turn = 1; turn <= 6; turn++) await h.host.prompt(s.id, `question ${turn}: ${'explain the module in detail '.repeat(10)}`);
    const live = (await h.host.history(s.id)).events;
    const compactedAt = live.findIndex((e) => e.type === 'compacted');
    expect(compactedAt).toBeGreaterThan(0);

    const restarted = h.restart();
    const replayed = (await restarted.history(s.id)).events;
    expect(replayed.filter((e) => e.type === 'compacted').map((e) => e.type === 'compacted' && e.summarizedMessages)).toEqual(
      live.filter((e) => e.type === 'compacted').map((e) => e.type === 'compacted' && e.summarizedMessages),
    );
    // The pane still shows every prompt; the model sees the summary in front of the kept turns.
    expect(replayed.filter((e) => e.type === 'turnStart')).toHaveLength(6);
    const before = h.fake.requests.length;
    await restarted.prompt(s.id, 'one more');
    const sent = body(h.fake.requests.at(-1)!);
    expect(h.fake.requests.length).toBe(before + 1);
    expect(sent.messages[0]!.content[0]!.text).toContain('SUMMARY: earlier questions about the module.');
    expect(JSON.stringify(sent.system)).toBe(JSON.stringify(body(h.fake.requests[0]!).system));
  });
});
