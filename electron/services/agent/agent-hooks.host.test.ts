import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HooksEngine } from '../hooks/hooks-engine';
import { FakeTrust, ManualFileEvents } from '../hooks/test-support';
import { AgentHooks } from './agent-hooks';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
let engine: HooksEngine | undefined;
afterEach(async () => {
  await h?.close();
  await engine?.dispose();
  h = undefined;
  engine = undefined;
});

function writeHook(root: string, name: string, hook: object): void {
  mkdirSync(path.join(root, '.kiro/hooks'), { recursive: true });
  writeFileSync(path.join(root, `.kiro/hooks/${name}.kiro.hook`), JSON.stringify({ enabled: true, version: '1', ...hook }));
}

const messagesOf = (body: Record<string, unknown>) => JSON.stringify(body.messages);
function toolResultsSent(body: Record<string, unknown>): string[] {
  const messages = body.messages as { content: { toolResult?: { content: { text: string }[] } }[] }[];
  return messages.flatMap((m) => m.content.flatMap((c) => (c.toolResult ? c.toolResult.content.map((x) => x.text) : [])));
}

/** A host whose lifecycle is the real AgentHooks over a real hooks engine on the harness's folder. */
async function hostWithHooks(script: Parameters<typeof startHostHarness>[0], hooks: Record<string, object>, files: Record<string, string> = {}, trusted = true) {
  const agentHooks = new AgentHooks();
  h = await startHostHarness(script, files, { lifecycle: () => agentHooks });
  for (const [name, hook] of Object.entries(hooks)) writeHook(h.root, name, hook);
  const trust = new FakeTrust();
  trust.trusted = trusted;
  engine = await HooksEngine.start({ root: h.root, fileEvents: new ManualFileEvents(), trust });
  agentHooks.connect(Promise.resolve(engine));
  return { host: h, engine };
}

describe('hooks around a real agent turn (host, fake Bedrock)', () => {
  it('a promptSubmit runCommand hook sees the prompt and what it prints reaches the model with the prompt', async () => {
    const { host, engine } = await hostWithHooks([{ steps: [{ text: 'Noted.' }] }], {
      ticket: { name: 'Ticket', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'printf "ticket for: %s" "$USER_PROMPT"' } },
    });
    const s = await host.host.createSession({ role: 'executor' });
    await host.host.prompt(s.id, 'fix login');
    expect(messagesOf(host.fake.requests[0]!.body)).toContain('ticket for: fix login');
    expect(engine.runs()[0]).toMatchObject({ hookName: 'Ticket', status: 'succeeded', output: 'ticket for: fix login', trigger: { prompt: 'fix login' } });
  });

  it('a failing preToolUse hook stops a write: the file is untouched and the model reads why', async () => {
    const script = [
      { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/a.ts', text: 'overwritten\n' } } }] },
      { steps: [{ text: 'Understood.' }] },
    ];
    const { host } = await hostWithHooks(
      script,
      { guard: { name: 'Frozen src', when: { type: 'preToolUse', toolTypes: ['write'] }, then: { type: 'runCommand', command: 'echo "src/ is frozen for the release"; exit 1' } } },
      { 'src/a.ts': 'original\n' },
    );
    const s = await host.host.createSession({ role: 'executor', mode: 'autopilot' });
    await host.host.prompt(s.id, 'overwrite a.ts');
    expect(await readFile(path.join(host.root, 'src/a.ts'), 'utf8')).toBe('original\n');
    expect(toolResultsSent(host.fake.requests[1]!.body)).toEqual(['Blocked by hook: "Frozen src": src/ is frozen for the release']);
    const end = host.eventsOf(s.id).find((e) => e.type === 'toolEnd');
    expect(end).toMatchObject({ name: 'fsWrite', status: 'error', blocked: '"Frozen src": src/ is frozen for the release' });
  });

  it('in an untrusted folder no hook runs: the prompt goes out alone and the write is not blocked', async () => {
    const script = [
      { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/a.ts', text: 'new\n' } } }] },
      { steps: [{ text: 'Written.' }] },
    ];
    const { host, engine } = await hostWithHooks(
      script,
      {
        ticket: { name: 'Ticket', when: { type: 'promptSubmit' }, then: { type: 'runCommand', command: 'echo INJECTED' } },
        guard: { name: 'Guard', when: { type: 'preToolUse', toolTypes: ['*'] }, then: { type: 'runCommand', command: 'exit 1' } },
      },
      { 'src/a.ts': 'original\n' },
      false,
    );
    const s = await host.host.createSession({ role: 'executor', mode: 'autopilot' });
    await host.host.prompt(s.id, 'write it');
    expect(messagesOf(host.fake.requests[0]!.body)).not.toContain('INJECTED');
    expect(await readFile(path.join(host.root, 'src/a.ts'), 'utf8')).toBe('new\n');
    expect(engine.runs().map((r) => [r.hookName, r.status])).toEqual([
      ['Ticket', 'blocked'],
      ['Guard', 'blocked'],
    ]);
  });
});
