/**
 * Custom agents, skills and powers in a hosted session, through the real provider code and the fake Bedrock: what
 * the model is offered (tools, system), what a read-only agent can do, the choice saved across a restart.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStreamEvent } from '../../../protocol';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const READER = '---\nname: reader\ndescription: Reads only\ntools: ["read"]\n---\nYou only read code and explain it.\n';
const files = {
  '.kiro/agents/reader.md': READER,
  '.kiro/agents/odd.md': '---\ntools: Read, frobnicate\ncolour: blue\n---\nOdd one.\n',
  '.kiro/skills/release/SKILL.md': '---\nname: release\ndescription: How we cut a release\n---\nRun `make release` then tag.\n',
  '.kiro/powers/grafana/POWER.md': '---\nname: grafana\nkeywords: [grafana, dashboard]\n---\nUse the Grafana MCP server.\n',
  '.kiro/powers/grafana/steering/red.md': 'Dashboards follow RED.\n',
  'src/a.ts': 'export const a = 1;\n',
};

const toolNames = (i: number): string[] => ((h!.fake.requests[i]!.body.toolConfig as { tools: { toolSpec?: { name: string } }[] }).tools ?? []).flatMap((t) => (t.toolSpec ? [t.toolSpec.name] : []));
const systemText = (i: number): string => JSON.stringify(h!.fake.requests[i]!.body.system);
/** The newest message of request i (the turn's prompt, or the last tool result). */
const userText = (i: number): string => JSON.stringify((h!.fake.requests[i]!.body.messages as unknown[]).at(-1));
const only = <T extends AgentStreamEvent['type']>(events: AgentStreamEvent[], type: T) => events.filter((e): e is Extract<AgentStreamEvent, { type: T }> => e.type === type);

describe('custom agents in a session', () => {
  it('a read-only agent is offered read tools only; its fsWrite is refused and nothing is written', async () => {
    h = await startHostHarness(
      [
        { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/evil.ts', text: 'x' } } }] },
        { steps: [{ text: 'I cannot write.' }] },
      ],
      files,
    );
    const s = await h.host.createSession({ role: 'executor', mode: 'autopilot' });
    expect((await h.host.setCustomAgent(s.id, 'reader')).customAgent).toBe('reader');
    await h.host.prompt(s.id, 'Write src/evil.ts');
    expect(toolNames(0)).toEqual(['readFile', 'listDirectory', 'fileSearch', 'grepSearch', 'loadSkill']);
    expect(systemText(0)).toContain('You only read code and explain it.');
    const [end] = only(h.eventsOf(s.id), 'toolEnd');
    expect(end).toMatchObject({ name: 'fsWrite', status: 'error' });
    expect(end?.output).toMatch(/^Unknown tool "fsWrite"/);
    expect(existsSync(join(h.root, 'src/evil.ts'))).toBe(false);
  });

  it('switching mid-session applies from the next turn and survives a restart', async () => {
    h = await startHostHarness([{ steps: [{ text: 'one' }] }, { steps: [{ text: 'two' }] }, { steps: [{ text: 'three' }] }], files);
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'first');
    expect(toolNames(0)).toContain('fsWrite');
    expect(systemText(0)).not.toContain('custom-agent');
    await h.host.setCustomAgent(s.id, 'reader');
    await h.host.prompt(s.id, 'second');
    expect(toolNames(1)).not.toContain('fsWrite');
    expect(only(h.eventsOf(s.id), 'notice').map((n) => n.message)).toContain('From the next turn: custom agent "reader".');

    const again = h.restart();
    expect((await again.openSession(s.id)).customAgent).toBe('reader');
    await again.prompt(s.id, 'third');
    expect(toolNames(2)).not.toContain('fsWrite');
    await expect(again.setCustomAgent(s.id, 'nobody')).rejects.toThrow('There is no custom agent named "nobody"');
    expect((await again.setCustomAgent(s.id, null)).customAgent).toBeUndefined();
  });

  it('lists agents with resolved tools and warnings', async () => {
    h = await startHostHarness([], files);
    const { agents, skills, powers } = await h.host.customAgents();
    expect(agents.map((a) => [a.name, a.tools, a.warnings])).toEqual([
      ['odd', ['readFile'], ['line 3: "colour" is not a Kiro agent key; it is kept but has no effect.', 'tools: "frobnicate" is not a tool Keel knows; it is kept in the file and grants nothing.']],
      ['reader', ['readFile', 'listDirectory', 'fileSearch', 'grepSearch', 'loadSkill'], []],
    ]);
    expect(skills).toEqual([{ name: 'release', description: 'How we cut a release', path: '.kiro/skills/release/SKILL.md', source: 'workspace' }]);
    expect(powers).toMatchObject([{ name: 'grafana', keywords: ['grafana', 'dashboard'], mcpServers: [] }]);
  });

  it('user-level agents and skills come from ~/.kiro; a workspace file of the same name wins', async () => {
    h = await startHostHarness([], files, { userHome: undefined });
    const home = join(h.root, '..', 'home');
    await mkdir(join(home, '.kiro/agents'), { recursive: true });
    await writeFile(join(home, '.kiro/agents/reader.md'), 'User reader\n');
    await writeFile(join(home, '.kiro/agents/mine.md'), '---\ndescription: Mine\n---\nMine.\n');
    const host = h.restart();
    // restart() builds with the harness options; point this one at the fake home.
    (host as unknown as { options: { userHome: string } }).options.userHome = home;
    const { agents } = await host.customAgents();
    expect(agents.map((a) => [a.name, a.source, a.path])).toEqual([
      ['odd', 'workspace', '.kiro/agents/odd.md'],
      ['reader', 'workspace', '.kiro/agents/reader.md'],
      ['mine', 'user', '~/.kiro/agents/mine.md'],
    ]);
  });
});

describe('skills and powers in a session', () => {
  it('skills: names in the system prompt, the body only through loadSkill or a #skill chip', async () => {
    h = await startHostHarness(
      [{ steps: [{ toolUse: { name: 'loadSkill', input: { name: 'release' } } }] }, { steps: [{ text: 'Done.' }] }, { steps: [{ text: 'ok' }] }],
      files,
    );
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'Cut a release');
    expect(systemText(0)).toContain('- release: How we cut a release');
    expect(systemText(0)).not.toContain('make release');
    expect(only(h.eventsOf(s.id), 'toolEnd')[0]).toMatchObject({ name: 'loadSkill', status: 'success' });
    expect(userText(1)).toContain('Run `make release` then tag.');
    await h.host.prompt(s.id, 'again', { chips: [{ kind: 'skill', target: 'release' }] });
    expect(userText(2)).toMatch(/<skill name=\\"release\\"[^]*make release[^]*again/);
  });

  it('a power joins the prompt on its keyword, with its steering; not otherwise', async () => {
    h = await startHostHarness([{ steps: [{ text: 'a' }] }, { steps: [{ text: 'b' }] }, { steps: [{ text: 'c' }] }], files);
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'Build a Grafana dashboard');
    expect(userText(0)).toContain('<power name=\\"grafana\\" reason=\\"keyword grafana, dashboard\\">');
    expect(userText(0)).toContain('Dashboards follow RED.');
    await h.host.prompt(s.id, 'Fix the tests');
    expect(userText(1)).not.toContain('<power');
    await h.host.prompt(s.id, 'Fix the tests', { chips: [{ kind: 'power', target: 'grafana' }] });
    expect(userText(2)).toContain('reason=\\"chosen by the user\\"');
  });
});
