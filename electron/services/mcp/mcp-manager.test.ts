import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpFixture } from '../../../e2e/fixtures/mcp-stdio-server/http-server.mjs';
import { WorkspaceTrustStore } from '../trust/workspace/workspace-trust-store';
import { McpManager, type McpManagerOptions, type McpTrust, type ToolApprovalGate } from './mcp-manager';
import { workspaceMcpTrust } from './workspace-mcp-trust';

const FIXTURE = path.resolve(import.meta.dirname, '../../../e2e/fixtures/mcp-stdio-server/server.mjs');
const fixture = (extra: object = {}) => ({ command: process.execPath, args: [FIXTURE], ...extra });

let root: string;
let userData: string;
let manager: McpManager | undefined;
const openTrust: McpTrust = { isWorkspaceTrusted: async () => true, isConfigApproved: async () => true };

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'keel-mcp-'));
  userData = mkdtempSync(path.join(os.tmpdir(), 'keel-mcp-ud-'));
});
afterEach(async () => {
  await manager?.dispose();
  manager = undefined;
  rmSync(root, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

function writeConfig(servers: Record<string, object>, file = path.join(root, '.kiro/settings/mcp.json')) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ mcpServers: servers }, null, 2));
}

async function start(options: Partial<McpManagerOptions> = {}) {
  manager = await McpManager.start({ root, trust: openTrust, userConfigFile: path.join(userData, 'none.json'), env: { ...process.env, FIXTURE_WORD: 'hello ' }, ...options });
  return manager;
}

class RecordingGate implements ToolApprovalGate {
  asked: string[] = [];
  constructor(private readonly answer: boolean) {}
  async approve(req: { server: string; tool: string }): Promise<boolean> {
    this.asked.push(`${req.server}/${req.tool}`);
    return this.answer;
  }
}

describe('MCP servers over stdio', () => {
  it('starts the server, lists its tools (minus disabledTools) and calls one', async () => {
    writeConfig({ fixture: fixture({ autoApprove: ['add'], disabledTools: ['delete_everything'] }) });
    const m = await start();
    expect(m.statuses()).toMatchObject([{ name: 'fixture', state: 'ready', scope: 'workspace', transport: 'stdio' }]);
    expect(m.statuses()[0]?.stderrTail).toContain('keel-fixture: starting');
    expect(m.listTools().map((t) => [t.name, t.autoApproved])).toEqual([
      ['add', true],
      ['echo', false],
      ['crash', false],
      ['slow', false],
    ]);
    expect(await m.callTool('fixture', 'add', { a: 2, b: 3 })).toEqual({ content: [{ type: 'text', text: '5' }], isError: false });
    await expect(m.callTool('fixture', 'delete_everything')).rejects.toThrow(/disabled in mcp\.json/);
  });

  it('asks the approval gate for tools that are not autoApproved, and refuses without a yes', async () => {
    writeConfig({ fixture: fixture({ env: { FIXTURE_PREFIX: '${FIXTURE_WORD}' } }) });
    const yes = new RecordingGate(true);
    const m = await start({ approval: yes });
    expect(await m.callTool('fixture', 'echo', { text: 'world' })).toMatchObject({ content: [{ type: 'text', text: 'hello world' }] });
    expect(yes.asked).toEqual(['fixture/echo']);

    await m.dispose();
    const no = new RecordingGate(false);
    const m2 = await start({ approval: no });
    await expect(m2.callTool('fixture', 'echo', { text: 'x' })).rejects.toThrow(/not approved/);
    const noGate = await (async () => {
      await m2.dispose();
      return start();
    })();
    await expect(noGate.callTool('fixture', 'add', { a: 1, b: 1 })).rejects.toThrow(/not approved/);
  });

  it('a permissions rule that asks asks even an auto-approved tool; one that allows runs an unapproved tool unasked', async () => {
    writeConfig({ fixture: fixture({ autoApprove: ['add'] }) });
    const no = new RecordingGate(false);
    const m = await start({ approval: no });
    await expect(m.callTool('fixture', 'add', { a: 1, b: 1 }, { permission: 'ask' })).rejects.toThrow(/not approved/);
    expect(await m.callTool('fixture', 'echo', { text: 'x' }, { permission: 'allow' })).toMatchObject({ isError: false });
    expect(no.asked).toEqual(['fixture/add']);
  });

  it('a server that fails to start shows error with its stderr log; restart retries', async () => {
    writeConfig({ broken: fixture({ env: { FIXTURE_FAIL_START: '1' } }) });
    const m = await start();
    const [status] = m.statuses();
    expect(status?.state).toBe('error');
    expect(status?.message).toMatch(/missing API key/);
    expect(status?.stderrTail).toEqual(['keel-fixture: starting', 'keel-fixture: missing API key (set FIXTURE_API_KEY)']);
    await m.restart('broken');
    expect(m.statuses()[0]?.state).toBe('error');
    await expect(m.callTool('broken', 'add', {})).rejects.toThrow(/not running/);
  });

  it('a server that dies while running turns to error with its last log line; restart brings it back', async () => {
    writeConfig({ fixture: fixture({ autoApprove: ['*'] }) });
    const m = await start();
    const died = new Promise<void>((resolve) => m.onDidChangeStatus((s) => s[0]?.state === 'error' && resolve()));
    await m.callTool('fixture', 'crash');
    await died;
    expect(m.statuses()[0]?.message).toMatch(/stopped unexpectedly.*out of cheese/);
    expect(m.listTools()).toEqual([]);
    await m.restart('fixture');
    expect(await m.callTool('fixture', 'add', { a: 1, b: 1 })).toMatchObject({ content: [{ text: '2' }] });
  });

  it('does not start disabled servers; a missing command is an error, not a crash', async () => {
    writeConfig({ off: fixture({ disabled: true }), missing: { command: '/no/such/server' } });
    const m = await start();
    expect(m.statuses().map((s) => [s.name, s.state])).toEqual([
      ['off', 'disabled'],
      ['missing', 'error'],
    ]);
    expect(m.statuses()[1]?.message).toMatch(/ENOENT|not found|spawn/i);
  });

  it('restarts a running server and reports each state change', async () => {
    writeConfig({ fixture: fixture({ autoApprove: ['add'] }) });
    const m = await start();
    const states: string[] = [];
    m.onDidChangeStatus((s) => states.push(s[0]?.state ?? ''));
    await m.restart('fixture');
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['stopped', 'starting', 'ready']);
    expect(await m.callTool('fixture', 'add', { a: 1, b: 2 })).toMatchObject({ content: [{ text: '3' }] });
  });

  it('merges the user-level file; the workspace wins on the same name', async () => {
    const userFile = path.join(userData, 'mcp.json');
    writeConfig({ mine: fixture(), shared: { command: '/user/version' } }, userFile);
    writeConfig({ shared: fixture() });
    const m = await start({ userConfigFile: userFile });
    expect(m.statuses().map((s) => [s.name, s.scope, s.state])).toEqual([
      ['mine', 'user', 'ready'],
      ['shared', 'workspace', 'ready'],
    ]);
  });
});

describe('MCP servers over streamable HTTP', () => {
  it('connects with headers from the environment, lists and calls tools', async () => {
    const server = await startHttpFixture({ requiredToken: 't0ken' });
    try {
      writeConfig({ remote: { url: server.url, headers: { Authorization: 'Bearer ${env:MCP_TOKEN}' }, autoApprove: ['*'] } });
      const m = await start({ env: { MCP_TOKEN: 't0ken' } });
      expect(m.statuses()[0]).toMatchObject({ state: 'ready', transport: 'http' });
      expect(m.listTools().map((t) => t.name)).toEqual(['add', 'echo', 'delete_everything', 'crash', 'slow']);
      expect(await m.callTool('remote', 'add', { a: 40, b: 2 })).toMatchObject({ content: [{ type: 'text', text: '42' }] });
      await m.dispose();
      const wrong = await start({ env: { MCP_TOKEN: 'wrong' } });
      expect(wrong.statuses()[0]?.state).toBe('error');
    } finally {
      await server.close();
    }
  });
});

describe('trust', () => {
  it('an untrusted workspace starts no server, and trusting it starts them', async () => {
    writeConfig({ fixture: fixture() });
    const store = await WorkspaceTrustStore.open(userData);
    const m = await start({ trust: workspaceMcpTrust(store, root) });
    expect(m.statuses()).toMatchObject([{ state: 'blocked', message: expect.stringMatching(/not trusted/) }]);
    expect(m.listTools()).toEqual([]);
    await store.trust(root);
    await m.reload();
    expect(m.statuses()[0]?.state).toBe('ready');
  });

  it('an mcp.json changed after trust stops its servers until approved again', async () => {
    writeConfig({ fixture: fixture() });
    const store = await WorkspaceTrustStore.open(userData);
    await store.trust(root);
    const m = await start({ trust: workspaceMcpTrust(store, root) });
    expect(m.statuses()[0]?.state).toBe('ready');

    writeConfig({ fixture: fixture({ args: [FIXTURE, '--swapped'] }) });
    await m.reload();
    expect(m.statuses()).toMatchObject([{ name: 'fixture', state: 'blocked', message: expect.stringMatching(/changed since you approved/) }]);
    expect(await store.diffSinceApproval(root, '.kiro/settings/mcp.json')).toContain('--swapped');

    await store.approveFile(root, '.kiro/settings/mcp.json');
    await m.reload();
    expect(m.statuses()[0]?.state).toBe('ready');
  });

  it('reloads by itself when the watcher reports an mcp.json change', async () => {
    writeConfig({ a: fixture() });
    let fire: (() => void) | undefined;
    const fileEvents = {
      onDidChange: (l: (c: readonly { type: 'changed'; path: string; isDirectory: boolean }[]) => void) => {
        fire = () => l([{ type: 'changed', path: '.kiro/settings/mcp.json', isDirectory: false }]);
        return { dispose: () => undefined };
      },
    };
    const m = await start({ fileEvents });
    const seen = new Promise<void>((resolve) => m.onDidChangeStatus((s) => s.some((x) => x.name === 'b' && x.state === 'ready') && resolve()));
    writeConfig({ a: fixture(), b: fixture() });
    fire?.();
    await seen;
    expect(m.statuses().map((s) => s.name)).toEqual(['a', 'b']);
  });
});
