import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FakeScript } from '../../e2e/fixtures/fake-bedrock';
import type { Usage } from '../core/messages';
import { builtinTools } from '../tools/registry';
import { startHarness, type Harness } from '../testing/bedrock-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const answerEveryTurn: FakeScript = (_req, index) => ({ steps: [{ text: `Answer number ${index + 1}, with some detail to make it longer.` }] });
const steering = 'Always write tests. '.repeat(200);
const spec = '# Requirements\n' + 'WHEN the user saves THE system SHALL persist. '.repeat(100);

type Body = { toolConfig?: unknown; system?: unknown; messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
const withoutCachePoints = (messages: Body['messages']) => messages.map((m) => ({ ...m, content: m.content.filter((c) => !('cachePoint' in c)) }));

describe('prompt caching across turns', () => {
  it('keeps the cached prefix byte-stable from turn 1 to turn 5', async () => {
    h = await startHarness(answerEveryTurn, { system: ['You are Keel.', steering], specDocuments: [spec] });
    const session = await h.newSession();
    for (let turn = 1; turn <= 5; turn++) await session.runTurn(`question ${turn}`);
    const first = JSON.parse(h.fake.requests[0]!.raw) as Body;
    const fifth = JSON.parse(h.fake.requests[4]!.raw) as Body;
    expect(JSON.stringify(fifth.toolConfig)).toBe(JSON.stringify(first.toolConfig));
    expect(JSON.stringify(fifth.system)).toBe(JSON.stringify(first.system));
    // History only grows: turn 1's messages are, byte for byte, the start of turn 5's (cache points aside).
    const earlier = JSON.stringify(withoutCachePoints(first.messages));
    const later = JSON.stringify(withoutCachePoints(fifth.messages.slice(0, first.messages.length)));
    expect(later).toBe(earlier);
  });

  it('reads more from the cache on every turn and reports reads and writes', async () => {
    h = await startHarness(answerEveryTurn, { system: ['You are Keel.', steering], specDocuments: [spec] });
    const session = await h.newSession();
    const usages: Usage[] = [];
    for (let turn = 1; turn <= 4; turn++) {
      await session.runTurn(`question ${turn}`, { onEvent: (e) => e.type === 'usage' && usages.push(e.call) });
    }
    expect(usages[0]!.cacheReadTokens).toBe(0);
    expect(usages[0]!.cacheWriteTokens).toBeGreaterThan(0);
    for (let i = 1; i < usages.length; i++) {
      expect(usages[i]!.cacheReadTokens).toBeGreaterThan(usages[i - 1]!.cacheReadTokens);
      expect(usages[i]!.cacheReadTokens).toBeGreaterThan(usages[i]!.cacheWriteTokens);
    }
    expect(session.totals.usage.cacheReadTokens).toBe(usages.reduce((n, u) => n + u.cacheReadTokens, 0));
    expect(session.totals.costUsd).toBeGreaterThan(0);
  });

  it('a changed steering file misses the cache (the fake is not fooled by cache points alone)', async () => {
    h = await startHarness(answerEveryTurn, { system: ['You are Keel.', steering] });
    const session = await h.newSession();
    await session.runTurn('q1');
    expect(session.setSystem(['You are Keel.', steering])).toBe(false);
    expect(session.setSystem(['You are Keel.', `${steering} Changed.`])).toBe(true);
    const usages: Usage[] = [];
    await session.runTurn('q2', { onEvent: (e) => e.type === 'usage' && usages.push(e.call) });
    // Only the tool list (before the system prompt) is still cached.
    expect(usages[0]!.cacheReadTokens).toBeLessThan(usages[0]!.cacheWriteTokens);
  });
});

describe('tools swapped between turns (MCP servers coming and going)', () => {
  it('sends the same tool list bytes when the tools did not change, and the new list once they did', async () => {
    h = await startHarness(answerEveryTurn, { system: ['You are Keel.'] });
    const session = await h.newSession();
    await session.runTurn('one');
    // Fresh handler objects describing the same tools (what an MCP refresh returns): the model sees no change.
    expect(session.setTools([...builtinTools])).toBe(false);
    await session.runTurn('two');
    const extra = { name: 'mcp_fixture_echo', description: 'Echo.', input: z.object({ text: z.string() }), run: async () => ({ status: 'success' as const, content: 'x' }) };
    expect(session.setTools([...builtinTools, extra])).toBe(true);
    await session.runTurn('three');
    const tools = (i: number) => JSON.stringify((JSON.parse(h!.fake.requests[i]!.raw) as Body).toolConfig);
    expect(tools(1)).toBe(tools(0));
    expect(tools(2)).not.toBe(tools(1));
    expect(tools(2)).toContain('mcp_fixture_echo');
  });
});
