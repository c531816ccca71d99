import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ModelRequest } from '../core/messages';
import { toConverseStreamInput } from './bedrock-request';

const countCachePoints = (value: unknown): number => (JSON.stringify(value).match(/"cachePoint"/g) ?? []).length;

const message = fc.record({
  role: fc.constantFrom('user' as const, 'assistant' as const),
  content: fc.array(fc.oneof(fc.record({ type: fc.constant('text' as const), text: fc.string() })), { minLength: 1, maxLength: 3 }),
}) as fc.Arbitrary<ChatMessage>;

const request = fc.record({
  modelId: fc.constantFrom('us.anthropic.claude-sonnet-4-6', 'us.amazon.nova-pro-v1:0'),
  system: fc.array(fc.string(), { maxLength: 4 }),
  specDocuments: fc.array(fc.string(), { maxLength: 4 }),
  tools: fc.array(fc.record({ name: fc.string({ minLength: 1 }), description: fc.string(), inputSchema: fc.constant({ type: 'object' }) }), { maxLength: 3 }),
  messages: fc.array(message, { minLength: 1, maxLength: 6 }),
}).chain((r) => fc.record({ historyCacheIndex: fc.integer({ min: 0, max: r.messages.length - 1 }) }).map((h) => ({ ...r, ...h }))) as fc.Arbitrary<ModelRequest>;

describe('toConverseStreamInput', () => {
  it('never sends more than four cache points (Bedrock rejects a fifth)', () => {
    fc.assert(fc.property(request, (r) => countCachePoints(toConverseStreamInput(r)) <= 4));
  });

  it('places cache points after tools, after system + steering, after spec documents and after the history', () => {
    const input = toConverseStreamInput({
      modelId: 'us.anthropic.claude-sonnet-4-6',
      system: ['system prompt', 'steering'],
      specDocuments: ['requirements', 'design'],
      tools: [{ name: 't', description: 'd', inputSchema: { type: 'object' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      historyCacheIndex: 0,
    });
    const cp = { cachePoint: { type: 'default' } };
    expect(input.toolConfig?.tools?.at(-1)).toEqual(cp);
    expect(input.system).toEqual([{ text: 'system prompt' }, { text: 'steering' }, cp, { text: 'requirements' }, { text: 'design' }, cp]);
    expect(input.messages?.[0]?.content).toEqual([{ text: 'hi' }, cp]);
  });

  it('leaves the tool list uncached for Amazon Nova, which caches system and messages only', () => {
    const input = toConverseStreamInput({
      modelId: 'us.amazon.nova-pro-v1:0',
      system: ['s'],
      specDocuments: [],
      tools: [{ name: 't', description: 'd', inputSchema: { type: 'object' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    expect(countCachePoints(input.toolConfig)).toBe(0);
    expect(countCachePoints(input.system)).toBe(1);
  });

  it('never sends an empty message, which Bedrock rejects', () => {
    const input = toConverseStreamInput({
      modelId: 'm',
      system: [],
      specDocuments: [],
      tools: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }],
    });
    expect(input.messages?.[0]?.content?.length).toBe(1);
    expect(input.system).toBeUndefined();
  });
});
