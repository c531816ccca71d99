import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock, type FakeScript } from '../../e2e/fixtures/fake-bedrock';
import { AgentError } from '../core/errors';
import type { ModelRequest, ProviderEvent } from '../core/messages';
import { BedrockProvider } from './bedrock';

let fake: FakeBedrock | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const creds = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' };

async function providerFor(script: FakeScript): Promise<BedrockProvider> {
  fake = await startFakeBedrock({ script });
  return new BedrockProvider({ region: 'us-east-1', endpoint: fake.url, credentials: creds });
}

const request = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  system: ['You are Keel.'],
  specDocuments: [],
  tools: [{ name: 'readFile', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
  ...over,
});

async function collect(it: AsyncIterable<ProviderEvent>): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

async function failure(it: AsyncIterable<ProviderEvent>): Promise<AgentError> {
  try {
    await collect(it);
  } catch (e) {
    if (e instanceof AgentError) return e;
    throw e;
  }
  throw new Error('expected the stream to fail');
}

describe('BedrockProvider against the fake server (real SDK, HTTP/1.1 handler)', () => {
  it('streams text deltas, an assembled tool use, usage and the stop reason', async () => {
    const p = await providerFor([{ steps: [{ text: 'Let me read the file first.' }, { toolUse: { name: 'readFile', input: { path: 'src/a.ts' } } }] }]);
    const events = await collect(p.stream(request()));
    const text = events.flatMap((e) => (e.type === 'textDelta' ? [e.text] : [])).join('');
    expect(text).toBe('Let me read the file first.');
    expect(events.filter((e) => e.type === 'textDelta').length).toBeGreaterThan(1);
    expect(events.find((e) => e.type === 'toolUse')).toMatchObject({ name: 'readFile', input: { path: 'src/a.ts' } });
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ usage: { outputTokens: expect.any(Number) } });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
  });

  it('sends the model id in the path and system, tools and cache points in the body', async () => {
    const p = await providerFor([{ steps: [{ text: 'ok' }] }]);
    await collect(p.stream(request({ specDocuments: ['# Requirements'] })));
    const sent = fake!.requests[0]!;
    // The product's own request handler (HTTP/1.1), not the SDK's HTTP/2 default.
    expect(sent.httpVersion).toBe('1.1');
    expect(sent.modelId).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(sent.body.system).toEqual([{ text: 'You are Keel.' }, { cachePoint: { type: 'default' } }, { text: '# Requirements' }, { cachePoint: { type: 'default' } }]);
    expect((sent.body.toolConfig as { tools: unknown[] }).tools.at(-1)).toEqual({ cachePoint: { type: 'default' } });
  });

  it.each([
    ['throttlingException', 'throttled'],
    ['internalServerException', 'server'],
    ['serviceUnavailableException', 'server'],
    ['modelStreamErrorException', 'server'],
    ['validationException', 'validation'],
  ])('an in-stream %s becomes a %s error after the events before it', async (exception, kind) => {
    const p = await providerFor([{ steps: [{ text: 'partial answer' }, { exception }] }]);
    const seen: ProviderEvent[] = [];
    const err = await failure(
      (async function* () {
        for await (const e of p.stream(request())) {
          seen.push(e);
          yield e;
        }
      })(),
    );
    expect(err.kind).toBe(kind);
    expect(seen.some((e) => e.type === 'textDelta')).toBe(true);
  });

  it('an HTTP 403 AccessDenied tells the user to check credentials', async () => {
    const p = await providerFor([{ steps: [{ httpError: { status: 403, type: 'AccessDeniedException', message: 'User is not authorized' } }] }]);
    const err = await failure(p.stream(request()));
    expect(err.kind).toBe('accessDenied');
    expect(err.message).toMatch(/credentials/);
  });

  it('a model without access tells the user to enable it', async () => {
    const p = await providerFor([
      { steps: [{ httpError: { status: 403, type: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." } }] },
    ]);
    const err = await failure(p.stream(request()));
    expect(err.kind).toBe('modelNotEnabled');
    expect(err.message).toMatch(/Model access/);
  });

  it('a cut connection is a retryable streamCut', async () => {
    const p = await providerFor([{ steps: [{ text: 'half an ans' }, { cut: true }] }]);
    const err = await failure(p.stream(request()));
    expect(err.kind).toBe('streamCut');
    expect(err.retryable).toBe(true);
  });

  it('an unreachable endpoint says to check region and endpoint', async () => {
    const p = new BedrockProvider({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: creds });
    const err = await failure(p.stream(request()));
    expect(err.kind).toBe('endpoint');
    expect(err.message).toMatch(/region and endpoint/);
  });

  it('no credentials anywhere says how to sign in', async () => {
    const saved = { ...process.env };
    try {
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[k];
      process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/keel/credentials';
      process.env.AWS_CONFIG_FILE = '/nonexistent/keel/config';
      const p = new BedrockProvider({ region: 'us-east-1', profile: 'keel-missing-profile', endpoint: 'http://127.0.0.1:9' });
      const err = await failure(p.stream(request()));
      expect(err.kind).toBe('accessDenied');
      expect(err.message).toMatch(/aws sso login/);
    } finally {
      process.env = saved;
    }
  });

  it('aborting a hanging stream ends it with an aborted error', async () => {
    const p = await providerFor([{ steps: [{ text: 'thinking' }, { hang: true }] }]);
    const ac = new AbortController();
    const err = await failure(
      (async function* () {
        for await (const e of p.stream(request(), ac.signal)) {
          if (e.type === 'textDelta') ac.abort();
          yield e;
        }
      })(),
    );
    expect(err.kind).toBe('aborted');
  });
});
