import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock } from '../../../e2e/fixtures/fake-bedrock';
import { startFakeOpenAI } from '../../../e2e/fixtures/fake-openai';
import type { AgentSettingsWire, EventOf } from '../../../protocol';
import { RecentFolders } from '../../services/app/user-data';
import { Workbench } from '../../services/app/workbench';
import { createRouter, type Router } from '../router';
import { createHandlers } from './index';

let base: string;
let workbench: Workbench;
let r: Router;
let agentEvents: EventOf<'agent/event'>[];
let fake: FakeBedrock;
const ctx = { connectionId: 'c1' };
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  fake = await startFakeBedrock({
    script: (req) => {
      const messages = req.body.messages as { content: { text?: string; toolResult?: unknown }[] }[];
      const asked = messages[0]?.content.find((c) => c.text)?.text ?? '';
      // "edit": propose an edit to a.txt, then finish once the tool result is back.
      if (asked === 'edit') {
        return messages.length === 1
          ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'a.txt', text: 'hello, world' } } }] }
          : { steps: [{ text: 'Edited.' }] };
      }
      return { steps: [{ text: req.modelId === 'us.amazon.nova-lite-v1:0' ? 'ok' : `heard ${req.modelId}` }] };
    },
  });
  // The host reads the endpoint override and the SDK's default credential chain from the environment.
  for (const [k, v] of Object.entries({ KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: undefined })) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fake.close();
});

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-agent-handlers-')));
  await mkdir(path.join(base, 'ws'));
  await writeFile(path.join(base, 'ws', 'a.txt'), 'hello');
  agentEvents = [];
  const recent = new RecentFolders(path.join(base, 'user-data'));
  workbench = new Workbench({
    recent,
    userDataDir: path.join(base, 'user-data'),
    emit: (event, payload) => {
      if (event === 'agent/event') agentEvents.push(payload as EventOf<'agent/event'>);
    },
  });
  await workbench.open(path.join(base, 'ws'));
  r = createRouter(createHandlers({ host: { kind: 'browser', version: '0' }, workbench, recent }));
});
afterEach(async () => {
  await workbench.dispose();
  await rm(base, { recursive: true, force: true });
});

async function value<T>(p: Promise<unknown>): Promise<T> {
  const reply = (await p) as { ok: boolean; value?: T; error?: unknown };
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.value as T;
}

describe('agent settings over the contract', () => {
  it('saves a changed executor model, reads it back, and keeps it in the user data dir', async () => {
    const { settings } = await value<{ settings: AgentSettingsWire }>(r.dispatch('agent/getSettings', {}, ctx));
    expect(settings.roles.executor.provider).toBe('bedrock');
    const changed = { ...settings, roles: { ...settings.roles, executor: { provider: 'bedrock' as const, model: 'us.amazon.nova-lite-v1:0' } }, bedrock: { ...settings.bedrock, endpoint: '' } };
    await value(r.dispatch('agent/setSettings', { settings: changed }, ctx));
    const again = await value<{ settings: AgentSettingsWire; endpointOverride?: string }>(r.dispatch('agent/getSettings', {}, ctx));
    expect(again.settings.roles.executor.model).toBe('us.amazon.nova-lite-v1:0');
    expect(again.endpointOverride).toBe(fake.url);
    const onDisk = JSON.parse(await readFile(path.join(base, 'user-data', 'agent', 'settings.json'), 'utf8')) as AgentSettingsWire;
    expect(onDisk.roles.executor.model).toBe('us.amazon.nova-lite-v1:0');
  });

  it('refuses a bad region with the field named, and keeps the saved settings', async () => {
    const { settings } = await value<{ settings: AgentSettingsWire }>(r.dispatch('agent/getSettings', {}, ctx));
    const reply = await r.dispatch('agent/setSettings', { settings: { ...settings, bedrock: { region: 'Virginia' } } }, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('bedrock.region') } });
    const again = await value<{ settings: AgentSettingsWire }>(r.dispatch('agent/getSettings', {}, ctx));
    expect(again.settings.bedrock.region).toBe('us-east-1');
  });

  it('tests the connection of unsaved settings against the (fake) Bedrock', async () => {
    const { settings } = await value<{ settings: AgentSettingsWire }>(r.dispatch('agent/getSettings', {}, ctx));
    const unsaved = { ...settings, roles: { ...settings.roles, executor: { provider: 'bedrock' as const, model: 'us.amazon.nova-lite-v1:0' } } };
    expect(await value(r.dispatch('agent/testConnection', { role: 'executor', settings: unsaved }, ctx))).toEqual({ ok: true, modelId: 'us.amazon.nova-lite-v1:0', reply: 'ok' });
    const bad = await value(r.dispatch('agent/testConnection', { role: 'executor', settings: { ...settings, openai: { baseURL: 'not a url' } } }, ctx));
    expect(bad).toMatchObject({ ok: false, kind: 'validation', message: expect.stringContaining('openai.baseURL') });
  });
});

describe('an OpenAI-compatible role', () => {
  it('tests the connection with the base URL, key and model from the form, and a chat runs on it', async () => {
    const openai = await startFakeOpenAI({ script: [{ steps: [{ text: 'ok' }] }, { steps: [{ text: 'Hello from the local model.' }] }] });
    try {
      const { settings } = await value<{ settings: AgentSettingsWire }>(r.dispatch('agent/getSettings', {}, ctx));
      const local = { ...settings, openai: { baseURL: openai.url, apiKey: 'sk-local' }, roles: { ...settings.roles, executor: { provider: 'openai' as const, model: 'qwen2.5-coder' } } };
      expect(await value(r.dispatch('agent/testConnection', { role: 'executor', settings: local }, ctx))).toEqual({ ok: true, modelId: 'qwen2.5-coder', reply: 'ok' });
      expect(openai.requests[0]).toMatchObject({ authorization: 'Bearer sk-local', body: { model: 'qwen2.5-coder' } });

      await value(r.dispatch('agent/setSettings', { settings: local }, ctx));
      const session = await value<{ id: string; modelId: string }>(r.dispatch('agent/createSession', { role: 'executor' }, ctx));
      expect(session.modelId).toBe('qwen2.5-coder');
      await value(r.dispatch('agent/prompt', { sessionId: session.id, text: 'hi' }, ctx));
      await expect.poll(() => agentEvents.some((e) => e.event.type === 'turnEnd')).toBe(true);
      const text = agentEvents.flatMap((e) => (e.event.type === 'textDelta' ? [e.event.text] : [])).join('');
      expect(text).toBe('Hello from the local model.');
    } finally {
      await openai.close();
    }
  });
});

describe('a broken settings file', () => {
  it('is reported, left on disk untouched, and replaced only when the user saves', async () => {
    const file = path.join(base, 'user-data', 'agent', 'settings.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ "roles": { "executor": { "provider": "bedrock", "model": "" } } }');
    const got = await value<{ settings: AgentSettingsWire; problems: string[] }>(r.dispatch('agent/getSettings', {}, ctx));
    expect(got.problems).toEqual([expect.stringContaining('roles.executor.model')]);
    expect(got.settings.roles.executor.model).toBe('us.amazon.nova-pro-v1:0');
    expect(await readFile(file, 'utf8')).toContain('"model": ""');
    await value(r.dispatch('agent/setSettings', { settings: got.settings }, ctx));
    expect((await value<{ problems: string[] }>(r.dispatch('agent/getSettings', {}, ctx))).problems).toEqual([]);
  });
});

describe('agent sessions over the contract', () => {
  it('creates a session, streams a prompt, and replays it as history', async () => {
    const session = await value<{ id: string; running: boolean }>(r.dispatch('agent/createSession', { role: 'executor' }, ctx));
    expect(await value(r.dispatch('agent/prompt', { sessionId: session.id, text: 'hi there' }, ctx))).toEqual({ turn: 1 });
    expect(await r.dispatch('agent/prompt', { sessionId: session.id, text: 'again' }, ctx)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await expect.poll(() => agentEvents.some((e) => e.event.type === 'turnEnd')).toBe(true);
    const history = await value<{ events: { type: string; text?: string }[]; lastSeq: number }>(r.dispatch('agent/history', { sessionId: session.id }, ctx));
    expect(history.events.map((e) => e.type)).toEqual(['turnStart', 'textDelta', 'usage', 'turnEnd']);
    expect(history.events[1]!.text).toBe('heard us.amazon.nova-pro-v1:0');
    expect(history.lastSeq).toBe(agentEvents.length);
    expect(await r.dispatch('agent/history', { sessionId: 'nope' }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the agent with the review service', () => {
  it('a proposed edit is registered for review; accepting it there writes the bytes and tells the chat', async () => {
    const session = await value<{ id: string }>(r.dispatch('agent/createSession', { role: 'executor', mode: 'supervised' }, ctx));
    await value(r.dispatch('agent/prompt', { sessionId: session.id, text: 'edit' }, ctx));
    await expect.poll(() => agentEvents.some((e) => e.event.type === 'turnEnd')).toBe(true);
    const registered = agentEvents.map((e) => e.event).find((e) => e.type === 'changeset');
    expect(registered).toMatchObject({ applied: false, files: [{ path: 'a.txt', kind: 'modify', added: 1, removed: 1 }] });
    expect(await readFile(path.join(base, 'ws', 'a.txt'), 'utf8')).toBe('hello');

    const id = (registered as { changesetId: string }).changesetId;
    expect(await value(r.dispatch('changes/apply', { id, acceptAll: true }, ctx))).toMatchObject({ applied: true });
    expect(await readFile(path.join(base, 'ws', 'a.txt'), 'utf8')).toBe('hello, world');
    await expect.poll(() => agentEvents.some((e) => e.event.type === 'changesetSettled')).toBe(true);
    expect(agentEvents.map((e) => e.event).find((e) => e.type === 'changesetSettled')).toEqual({ type: 'changesetSettled', changesetId: id, status: 'applied' });
  });
});
