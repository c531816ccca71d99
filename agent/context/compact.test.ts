import { describe, expect, it } from 'vitest';
import type { ChatMessage, ModelRequest } from '../core/messages';
import { toConverseStreamInput } from '../providers/bedrock-request';
import { toChatCompletionsInput } from '../providers/openai-request';
import { compactHistory, outlineSummary, turnStarts } from './compact';

/** Turn n: a prompt, a tool round trip, an answer — with enough text to fill a small window. */
function turn(n: number): ChatMessage[] {
  return [
    { role: 'user', content: [{ type: 'text', text: `Prompt ${n}: ${'please change the code '.repeat(20)}` }] },
    { role: 'assistant', content: [{ type: 'toolUse', id: `t${n}`, name: 'readFile', input: { path: `src/f${n}.ts` } }] },
    { role: 'user', content: [{ type: 'toolResult', toolUseId: `t${n}`, status: 'success', content: 'x'.repeat(400) }] },
    { role: 'assistant', content: [{ type: 'text', text: `Done with ${n}.` }] },
  ];
}

function request(turns: number): ModelRequest {
  return {
    modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    system: ['You are Keel.', '<steering name="tech" path=".kiro/steering/tech.md" inclusion="always">\nUse TypeScript.\n</steering>'],
    specDocuments: ['<spec-document path=".kiro/specs/a/tasks.md">\n- [ ] 1. Do\n</spec-document>'],
    tools: [{ name: 'readFile', description: 'Reads a file', inputSchema: { type: 'object' } }],
    messages: Array.from({ length: turns }, (_, i) => turn(i + 1)).flat(),
    historyCacheIndex: turns * 4 - 1,
  };
}

describe('compactHistory', () => {
  it('leaves a request under the threshold alone', async () => {
    const req = request(2);
    const r = await compactHistory(req, { contextWindowTokens: 100_000 });
    expect(r.compacted).toBe(false);
    expect(r.request).toBe(req);
  });

  it('replaces old turns with a summary and keeps the cached prefix byte for byte (Bedrock and OpenAI wire formats)', async () => {
    const req = request(6);
    const r = await compactHistory(req, { contextWindowTokens: 1500 }, async (old) => `Summary of ${old.length} messages.`);
    expect(r.compacted).toBe(true);
    if (!r.compacted) return;
    const before = toConverseStreamInput(req);
    const after = toConverseStreamInput(r.request);
    expect(JSON.stringify(after.system)).toBe(JSON.stringify(before.system));
    expect(JSON.stringify(after.toolConfig)).toBe(JSON.stringify(before.toolConfig));
    expect(JSON.stringify(toChatCompletionsInput(r.request).messages[0])).toBe(JSON.stringify(toChatCompletionsInput(req).messages[0]));
    // The last two turns survive word for word; the summary leads the first of them.
    expect(r.summarizedMessages).toBe(16);
    expect(r.request.messages.slice(1)).toEqual(req.messages.slice(17));
    expect(r.request.messages[0]?.content[0]).toEqual({ type: 'text', text: '<conversation-summary messages="16">\nSummary of 16 messages.\n</conversation-summary>' });
    expect(r.request.messages[0]?.content.slice(1)).toEqual(req.messages[16]?.content);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
    // The cache point moves to the newest message, so the next call reads the compacted history from cache.
    expect(r.request.historyCacheIndex).toBe(r.request.messages.length - 1);
  });

  it('keeps the conversation valid: alternating roles, no tool result without its tool use', async () => {
    const messages: ChatMessage[] = [
      ...turn(1),
      ...turn(2).slice(0, 2),
      // Crash recovery puts the interrupted tool's result and the next prompt in one message.
      { role: 'user', content: [{ type: 'toolResult', toolUseId: 't2', status: 'error', content: 'Not run' }, { type: 'text', text: `next ${'y'.repeat(2000)}` }] },
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    ];
    const r = await compactHistory({ ...request(0), messages }, { contextWindowTokens: 600, keepTurns: 1 });
    expect(r.compacted).toBe(true);
    const out = r.request.messages;
    expect(out.map((m) => m.role)).toEqual(['user', 'assistant']);
    const uses = new Set(out.flatMap((m) => m.content.flatMap((b) => (b.type === 'toolUse' ? [b.id] : []))));
    expect(out.flatMap((m) => m.content.filter((b) => b.type === 'toolResult' && !uses.has(b.toolUseId)))).toEqual([]);
  });

  it('falls back to the outline summary when the summariser fails, and keeps only the latest turn if needed', async () => {
    const req = request(4);
    const r = await compactHistory(req, { contextWindowTokens: 700 }, async () => {
      throw new Error('throttled');
    });
    expect(r.compacted && r.usedFallback).toBe(true);
    if (!r.compacted) return;
    expect(turnStarts(r.request.messages)).toEqual([0]);
    expect(r.summary).toContain('Tool readFile src/f1.ts');
    expect(r.summary).toContain('Assistant: Done with 3.');
  });

  it('outlines turns deterministically', () => {
    expect(outlineSummary(turn(1)).split('\n')).toEqual([`User: ${`Prompt 1: ${'please change the code '.repeat(20)}`.slice(0, 399)}…`, 'Tool readFile src/f1.ts', 'Assistant: Done with 1.']);
  });
});
