import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpToolAsk } from '../../../protocol';
import { AlwaysAllowStore } from '../mcp/always-allow-store';
import { McpManager } from '../mcp/mcp-manager';
import { McpToolApproval } from '../mcp/mcp-tool-approval';
import { mcpToolsForSession } from './mcp-tools';
import { startHostHarness, type HostHarness } from './test-support';

const FIXTURE = path.resolve(import.meta.dirname, '../../../e2e/fixtures/mcp-stdio-server/server.mjs');

let h: HostHarness | undefined;
let manager: McpManager | undefined;
afterEach(async () => {
  await h?.close();
  await manager?.dispose();
  h = undefined;
  manager = undefined;
});

/** The text of every toolResult block the model received in a request. */
function toolResultsSent(body: Record<string, unknown>): string[] {
  const messages = body.messages as { content: { toolResult?: { content: { text: string }[] } }[] }[];
  return messages.flatMap((m) => m.content.flatMap((c) => (c.toolResult ? c.toolResult.content.map((x) => x.text) : [])));
}

const toolNames = (body: Record<string, unknown>) =>
  ((body.toolConfig as { tools: { toolSpec?: { name: string } }[] }).tools ?? []).flatMap((t) => (t.toolSpec ? [t.toolSpec.name] : []));

describe('MCP tools in an agent turn (host, fake Bedrock, stdio test server)', () => {
  it('the model is offered the tool, calls it, the user allows it, and the result is the next request’s tool result', async () => {
    const script = [
      { steps: [{ text: 'Echoing.' }, { toolUse: { name: 'mcp_fixture_echo', input: { text: 'from the model' } } }] },
      { steps: [{ text: 'Done.' }] },
    ];
    const asks: McpToolAsk[] = [];
    let approval: McpToolApproval | undefined;
    h = await startHostHarness(script, {}, {
      extraTools: async (sessionId) => {
        const root = h!.root;
        mkdirSync(path.join(root, '.kiro/settings'), { recursive: true });
        writeFileSync(path.join(root, '.kiro/settings/mcp.json'), JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [FIXTURE], disabledTools: ['delete_everything'] } } }));
        const store = AlwaysAllowStore.open(h!.userData);
        approval = new McpToolApproval(root, () => store);
        approval.onAsk((a) => {
          asks.push(a);
          void approval!.answer(a.id, 'allow');
        });
        manager = await McpManager.start({ root, trust: { isWorkspaceTrusted: async () => true, isConfigApproved: async () => true }, approval, userConfigFile: path.join(root, 'none.json') });
        return mcpToolsForSession(Promise.resolve(manager), { sessionId });
      },
    });
    const s = await h.host.createSession({ role: 'executor' });
    const result = await h.host.prompt(s.id, 'echo something');
    expect(result.stopReason).toBe('end_turn');

    const offered = toolNames(h.fake.requests[0]!.body);
    expect(offered).toEqual(expect.arrayContaining(['readFile', 'executeBash', 'mcp_fixture_add', 'mcp_fixture_echo', 'mcp_fixture_crash']));
    expect(offered).not.toContain('mcp_fixture_delete_everything');
    expect(asks).toMatchObject([{ server: 'fixture', tool: 'echo', sessionId: s.id }]);
    expect(toolResultsSent(h.fake.requests[1]!.body)).toEqual(['from the model']);
    const end = h.eventsOf(s.id).find((e) => e.type === 'toolEnd');
    expect(end).toMatchObject({ name: 'mcp_fixture_echo', status: 'success', output: 'from the model' });
    approval?.dispose();
  });

  it('a session created while no server is ready gets the tool on a later turn, and keeps the same tool list while it does not change', async () => {
    const script = [{ steps: [{ text: 'No MCP yet.' }] }, { steps: [{ text: 'Now with MCP.' }] }, { steps: [{ text: 'Still.' }] }];
    let trusted = false;
    h = await startHostHarness(script, {}, {
      extraTools: async (sessionId, options) => {
        if (!manager) {
          const root = h!.root;
          mkdirSync(path.join(root, '.kiro/settings'), { recursive: true });
          writeFileSync(path.join(root, '.kiro/settings/mcp.json'), JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [FIXTURE] } } }));
          const store = AlwaysAllowStore.open(h!.userData);
          // The folder starts untrusted: the manager runs no server until it is trusted and reloaded.
          manager = await McpManager.start({
            root,
            trust: { isWorkspaceTrusted: async () => trusted, isConfigApproved: async () => true },
            approval: new McpToolApproval(root, () => store),
            userConfigFile: path.join(root, 'none.json'),
          });
        }
        return mcpToolsForSession(Promise.resolve(manager), { sessionId, ...(options?.turn ? { waitMs: 2000 } : {}) });
      },
    });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'first');
    expect(toolNames(h.fake.requests[0]!.body)).not.toContain('mcp_fixture_echo');

    trusted = true;
    await manager!.reload();
    await h.host.prompt(s.id, 'second');
    expect(toolNames(h.fake.requests[1]!.body)).toEqual(expect.arrayContaining(['readFile', 'mcp_fixture_echo']));

    await h.host.prompt(s.id, 'third');
    // Unchanged servers: the tool list (the start of the cached prefix) is sent byte-for-byte as on the turn before.
    expect(JSON.stringify(h.fake.requests[2]!.body.toolConfig)).toBe(JSON.stringify(h.fake.requests[1]!.body.toolConfig));
  });
});
