import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock } from '../../e2e/fixtures/fake-bedrock';
import { BedrockProvider } from '../providers/bedrock';
import { OpenAIProvider } from '../providers/openai';
import { costUsd, DEFAULT_PRICES, priceFor } from './prices';
import { bedrockOptions, routeRole } from './router';
import { testConnection } from './test-connection';
import { DEFAULT_EXECUTOR_MODEL, DEFAULT_PLANNER_MODEL, defaultAgentSettings, parseAgentSettings } from './settings';

let fake: FakeBedrock | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('agent settings', () => {
  it('default to Sonnet planning and Nova executing on Bedrock, Supervised', () => {
    const s = defaultAgentSettings();
    expect(s.roles.planner).toEqual({ provider: 'bedrock', model: DEFAULT_PLANNER_MODEL });
    expect(s.roles.executor).toEqual({ provider: 'bedrock', model: DEFAULT_EXECUTOR_MODEL });
    expect(DEFAULT_PLANNER_MODEL).toMatch(/^us\.anthropic\.claude-sonnet/);
    expect(DEFAULT_EXECUTOR_MODEL).toMatch(/^us\.amazon\.nova/);
    expect(s.mode).toBe('supervised');
  });

  it('keep what the user set and fill the rest', () => {
    const r = parseAgentSettings({ roles: { executor: { provider: 'openai', model: 'qwen2.5-coder' } }, bedrock: { region: 'eu-west-1' } });
    expect(r.ok && r.settings.roles.executor).toEqual({ provider: 'openai', model: 'qwen2.5-coder' });
    expect(r.ok && r.settings.roles.planner.model).toBe(DEFAULT_PLANNER_MODEL);
    expect(r.ok && r.settings.openai.baseURL).toBe('http://localhost:11434/v1');
  });

  it('reject bad values with the field named', () => {
    const r = parseAgentSettings({ bedrock: { region: 'mars', endpoint: 'ftp://x' }, roles: { planner: { provider: 'x', model: '' } }, prices: { m: { input: -1 } } });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors.join('\n');
    expect(errors).toMatch(/bedrock\.region: looks like us-east-1/);
    expect(errors).toMatch(/bedrock\.endpoint: must be an http\(s\) URL/);
    expect(errors).toMatch(/roles\.planner\.provider/);
    expect(errors).toMatch(/prices\.m\.input/);
  });
});

describe('routing', () => {
  it('gives each role its provider', () => {
    const s = parseAgentSettings({ roles: { executor: { provider: 'openai', model: 'llama3.1' } } });
    if (!s.ok) throw new Error('bad settings');
    expect(routeRole(s.settings, 'planner', {}).provider).toBeInstanceOf(BedrockProvider);
    const exec = routeRole(s.settings, 'executor', {});
    expect(exec.provider).toBeInstanceOf(OpenAIProvider);
    expect(exec.modelId).toBe('llama3.1');
  });

  it('KEEL_BEDROCK_ENDPOINT overrides the endpoint setting', () => {
    const s = parseAgentSettings({ bedrock: { endpoint: 'http://from-settings:1' } });
    if (!s.ok) throw new Error('bad settings');
    expect(bedrockOptions(s.settings, {}).endpoint).toBe('http://from-settings:1');
    expect(bedrockOptions(s.settings, { KEEL_BEDROCK_ENDPOINT: 'http://127.0.0.1:4010' }).endpoint).toBe('http://127.0.0.1:4010');
  });

  it('a routed planner really talks to the endpoint from the environment', async () => {
    fake = await startFakeBedrock({ script: [{ steps: [{ text: 'planned' }] }] });
    const routed = routeRole(defaultAgentSettings(), 'planner', { KEEL_BEDROCK_ENDPOINT: fake.url }, { credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    let text = '';
    for await (const e of routed.provider.stream({ modelId: routed.modelId, system: [], specDocuments: [], tools: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'plan' }] }] })) {
      if (e.type === 'textDelta') text += e.text;
    }
    expect(text).toBe('planned');
    expect(fake.requests[0]?.modelId).toBe(DEFAULT_PLANNER_MODEL);
  });
});

describe('prices', () => {
  it('finds a price through the inference-profile prefix and computes cost', () => {
    const p = priceFor(DEFAULT_PRICES, 'us.anthropic.claude-sonnet-4-6');
    expect(p).toBeDefined();
    expect(costUsd({ inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 0 }, p)).toBeCloseTo(18.3);
    expect(priceFor(DEFAULT_PRICES, 'mystery-model')).toBeUndefined();
  });
});

describe('test connection', () => {
  it('reports the reply when the model answers, and the fix when it does not', async () => {
    fake = await startFakeBedrock({
      script: [{ steps: [{ text: 'ok' }] }, { steps: [{ httpError: { status: 403, type: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." } }] }],
    });
    const routed = routeRole(defaultAgentSettings(), 'executor', { KEEL_BEDROCK_ENDPOINT: fake.url }, { credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect(await testConnection(routed.provider, routed.modelId)).toEqual({ ok: true, modelId: DEFAULT_EXECUTOR_MODEL, reply: 'ok' });
    const failed = await testConnection(routed.provider, routed.modelId);
    expect(failed).toMatchObject({ ok: false, kind: 'modelNotEnabled' });
    expect(failed.ok === false && failed.message).toMatch(/Model access/);
  });
});
