import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIResponse } from '../../e2e/fixtures/fake-openai';
import { AgentError } from '../core/errors';
import type { ModelRequest, ProviderEvent } from '../core/messages';
import { OpenAIProvider } from './openai';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function providerFor(script: FakeOpenAIResponse[]): Promise<OpenAIProvider> {
  fake = await startFakeOpenAI({ script });
  return new OpenAIProvider({ baseURL: fake.url, apiKey: 'sk-local' });
}

const request: ModelRequest = {
  modelId: 'qwen2.5-coder:7b',
  system: ['You are Keel.'],
  specDocuments: ['# Design'],
  tools: [{ name: 'readFile', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'read a.ts' }] },
    { role: 'assistant', content: [{ type: 'toolUse', id: 'call_1', name: 'readFile', input: { path: 'a.ts' } }] },
    { role: 'user', content: [{ type: 'toolResult', toolUseId: 'call_1', status: 'success', content: 'export {}' }] },
  ],
};

async function collect(it: AsyncIterable<ProviderEvent>): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('OpenAIProvider against a local OpenAI-compatible fake', () => {
  it('streams text and an assembled tool call, with usage and cached tokens apart', async () => {
    const p = await providerFor([{ steps: [{ text: 'I will edit it now.' }, { toolCall: { name: 'fsWrite', arguments: { path: 'a.ts', text: 'x' } } }], cachedTokens: 5 }]);
    const events = await collect(p.stream(request));
    expect(events.flatMap((e) => (e.type === 'textDelta' ? [e.text] : [])).join('')).toBe('I will edit it now.');
    expect(events.find((e) => e.type === 'toolUse')).toMatchObject({ name: 'fsWrite', input: { path: 'a.ts', text: 'x' } });
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ usage: { cacheReadTokens: 5 } });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
  });

  it('sends model, key, one system message, tools and tool results in chat-completions shape', async () => {
    const p = await providerFor([{ steps: [{ text: 'done' }] }]);
    await collect(p.stream(request));
    const sent = fake!.requests[0]!;
    expect(sent.authorization).toBe('Bearer sk-local');
    expect(sent.body.model).toBe('qwen2.5-coder:7b');
    expect(sent.body.stream).toBe(true);
    expect(sent.body.messages).toEqual([
      { role: 'system', content: 'You are Keel.\n\n# Design' },
      { role: 'user', content: 'read a.ts' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'readFile', arguments: '{"path":"a.ts"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'export {}' },
    ]);
    expect(sent.body.tools).toHaveLength(1);
  });

  it.each([
    [429, 'throttled'],
    [500, 'server'],
    [401, 'accessDenied'],
    [404, 'modelNotEnabled'],
  ])('HTTP %i becomes %s', async (status, kind) => {
    const p = await providerFor([{ steps: [{ httpError: { status } }] }]);
    await expect(collect(p.stream(request))).rejects.toMatchObject({ kind });
  });

  it('a cut stream is a retryable streamCut', async () => {
    const p = await providerFor([{ steps: [{ text: 'half of it' }, { cut: true }] }]);
    const err = await collect(p.stream(request)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).kind).toBe('streamCut');
  });

  it('Stop aborts a hanging stream', async () => {
    const p = await providerFor([{ steps: [{ text: 'thinking' }, { hang: true }] }]);
    const ac = new AbortController();
    const run = async (): Promise<void> => {
      for await (const e of p.stream(request, ac.signal)) if (e.type === 'textDelta') ac.abort();
    };
    await expect(run()).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('nothing listening is an endpoint error naming the URL', async () => {
    const p = new OpenAIProvider({ baseURL: 'http://127.0.0.1:9/v1' });
    const err = (await collect(p.stream(request)).catch((e: unknown) => e)) as AgentError;
    expect(err.kind).toBe('endpoint');
    expect(err.message).toContain('http://127.0.0.1:9/v1');
  });
});
