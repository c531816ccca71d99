import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTool, SecretPolicy, toToolSpecs, type ToolContext } from '../../../agent';
import type { McpToolAsk } from '../../../protocol';
import { AlwaysAllowStore } from '../mcp/always-allow-store';
import { McpManager } from '../mcp/mcp-manager';
import { McpToolApproval } from '../mcp/mcp-tool-approval';
import { mcpToolHandlers, mcpToolName, mcpToolServer, mcpToolsForSession, resultText } from './mcp-tools';

const FIXTURE = path.resolve(import.meta.dirname, '../../../e2e/fixtures/mcp-stdio-server/server.mjs');

let root: string;
let manager: McpManager | undefined;
let approval: McpToolApproval;
let asks: McpToolAsk[];

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'keel-mcp-tools-'));
  const store = AlwaysAllowStore.open(path.join(root, '.user-data'));
  approval = new McpToolApproval(root, () => store);
  asks = [];
  approval.onAsk((a) => asks.push(a));
});
afterEach(async () => {
  approval.dispose();
  await manager?.dispose();
  manager = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function start(server: object, trusted = true): Promise<McpManager> {
  mkdirSync(path.join(root, '.kiro/settings'), { recursive: true });
  writeFileSync(path.join(root, '.kiro/settings/mcp.json'), JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [FIXTURE], ...server } } }));
  manager = await McpManager.start({
    root,
    trust: { isWorkspaceTrusted: async () => trusted, isConfigApproved: async () => true },
    approval,
    userConfigFile: path.join(root, 'none.json'),
  });
  return manager;
}

function ctx(signal = new AbortController().signal): ToolContext {
  const never = () => Promise.reject(new Error('not used'));
  return { workspace: {} as ToolContext['workspace'], changes: { write: never, delete: never }, secrets: new SecretPolicy(''), signal };
}

describe('MCP tools offered to the agent', () => {
  it('lists the ready server tools under namespaced names with the server schema, leaving disabledTools out', async () => {
    const m = await start({ disabledTools: ['delete_everything'] });
    const tools = mcpToolHandlers(m);
    expect(tools.map((t) => t.name)).toEqual(['mcp_fixture_add', 'mcp_fixture_echo', 'mcp_fixture_crash', 'mcp_fixture_slow']);
    expect(mcpToolServer('mcp_fixture_add')).toBe('fixture');
    const [add] = toToolSpecs(tools);
    expect(add?.description).toBe('Adds two numbers. (MCP server "fixture", tool "add")');
    expect(add?.inputSchema).toMatchObject({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] });
  });

  it('an autoApproved tool runs unasked and its text result is what the model reads', async () => {
    const m = await start({ autoApprove: ['add'] });
    const out = await runTool(mcpToolHandlers(m), { type: 'toolUse', id: 't1', name: 'mcp_fixture_add', input: { a: 2, b: 40 } }, ctx());
    expect(out).toEqual({ status: 'success', content: '42' });
    expect(asks).toEqual([]);
  });

  it('any other tool waits for the user: Allow runs it, Reject gives the model an error saying so', async () => {
    const m = await start({});
    const tools = mcpToolHandlers(m, { sessionId: 'chat-1' });
    const allowed = runTool(tools, { type: 'toolUse', id: 't1', name: 'mcp_fixture_echo', input: { text: 'hi' } }, ctx());
    await expect.poll(() => asks.length).toBe(1);
    expect(asks[0]).toMatchObject({ server: 'fixture', tool: 'echo', sessionId: 'chat-1' });
    await approval.answer(asks[0]!.id, 'allow');
    expect(await allowed).toEqual({ status: 'success', content: 'hi' });

    const rejected = runTool(tools, { type: 'toolUse', id: 't2', name: 'mcp_fixture_echo', input: { text: 'no' } }, ctx());
    await expect.poll(() => asks.length).toBe(2);
    await approval.answer(asks[1]!.id, 'reject');
    expect(await rejected).toEqual({ status: 'error', content: 'The call to echo (fixture) was not approved: the user rejected it' });
  });

  it('Stop while the question is open withdraws it and the call does not run', async () => {
    const m = await start({});
    const stop = new AbortController();
    const pending = runTool(mcpToolHandlers(m), { type: 'toolUse', id: 't1', name: 'mcp_fixture_echo', input: { text: 'x' } }, ctx(stop.signal));
    await expect.poll(() => asks.length).toBe(1);
    stop.abort();
    expect(await pending).toMatchObject({ status: 'error', content: expect.stringMatching(/not approved: the agent was stopped/) });
    expect(approval.pending()).toEqual([]);
  });

  it('Stop during a long MCP call ends it at once: the model gets an error, the turn is not held up', async () => {
    const m = await start({ autoApprove: ['*'] });
    const stop = new AbortController();
    const call = runTool(mcpToolHandlers(m), { type: 'toolUse', id: 't1', name: 'mcp_fixture_slow', input: { ms: 60_000 } }, ctx(stop.signal));
    setTimeout(() => stop.abort(), 50);
    const out = await call;
    expect(out.status).toBe('error');
    expect(out.content).toMatch(/abort|cancel/i);
    // The server is still there for the next call.
    expect(await runTool(mcpToolHandlers(m), { type: 'toolUse', id: 't2', name: 'mcp_fixture_add', input: { a: 1, b: 2 } }, ctx())).toEqual({ status: 'success', content: '3' });
  });

  it('a server-side error (bad arguments) comes back to the model as an error result', async () => {
    const m = await start({ autoApprove: ['*'] });
    const out = await runTool(mcpToolHandlers(m), { type: 'toolUse', id: 't1', name: 'mcp_fixture_add', input: { a: 'two' } }, ctx());
    expect(out.status).toBe('error');
    expect(out.content).toMatch(/a|b|number|invalid/i);
  });

  it('an untrusted folder offers no MCP tools', async () => {
    const m = await start({ autoApprove: ['*'] }, false);
    expect(await mcpToolsForSession(Promise.resolve(m))).toEqual([]);
  });

  it('a session waits for servers still starting, but not forever', async () => {
    const m = await start({});
    expect((await mcpToolsForSession(Promise.resolve(m))).map((t) => t.name)).toContain('mcp_fixture_echo');
    const never = new Promise<McpManager>(() => undefined);
    expect(await mcpToolsForSession(never, { waitMs: 10 })).toEqual([]);
  });
});

describe('names and results', () => {
  it('names keep to the characters and length model APIs accept, and never clash', () => {
    expect(mcpToolName('my server', 'get.item', new Set())).toBe('mcp_my_server_get_item');
    const long = mcpToolName('s', 'x'.repeat(100), new Set());
    expect(long).toHaveLength(64);
    expect(mcpToolName('a.b', 'c', new Set(['mcp_a_b_c']))).toBe('mcp_a_b_c_2');
    expect(mcpToolName('s', 'x'.repeat(100), new Set([long]))).toMatch(/^mcp_s_x+_2$/);
    expect(mcpToolName('s', 'x'.repeat(100), new Set([long]))).toHaveLength(64);
  });

  it('turns content parts into text: text as is, images and resources described, structured content as JSON', () => {
    expect(
      resultText({
        isError: false,
        content: [
          { type: 'text', text: 'one' },
          { type: 'image', data: 'AAAA', mimeType: 'image/png' },
          { type: 'resource', resource: { uri: 'file:///a.txt', text: 'inside' } },
          { type: 'resource_link', uri: 'file:///b', name: 'b' },
        ],
      }),
    ).toBe('one\n[image image/png, not shown]\ninside\n[resource file:///b (b)]');
    expect(resultText({ isError: false, content: [], structuredContent: { n: 1 } })).toBe('{\n  "n": 1\n}');
    expect(resultText({ isError: true, content: [] })).toBe('The tool failed without saying why.');
    const long = resultText({ isError: false, content: [{ type: 'text', text: 'y'.repeat(100_010) }] });
    expect(long.slice(-40)).toMatch(/\(10 more characters cut\)$/);
  });
});
