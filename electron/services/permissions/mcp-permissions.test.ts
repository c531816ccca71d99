import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ToolContext } from '../../../agent';
import { mcpToolHandlers, type McpToolSource } from '../agent/mcp-tools';
import type { CallToolOptions } from '../mcp/mcp-manager';
import { PermissionsService } from './permissions-service';
import { mcpPermissions } from './shell-permissions';

// The MCP server itself is faked (a port with two tools); the rules come from a real permissions.yaml.

let dir: string;
let calls: { tool: string; options: CallToolOptions | undefined }[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-mcpperm-'));
  await mkdir(path.join(dir, '.kiro/settings'), { recursive: true });
  await writeFile(path.join(dir, '.kiro/settings/permissions.yaml'), 'rules:\n  - {capability: mcp, match: ["github/delete_*"], effect: deny}\n  - {capability: mcp, match: ["github/list_*"], effect: allow}\n  - {capability: mcp, match: ["github/create_*"], effect: ask}\n');
  calls = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const source: McpToolSource = {
  listTools: () => ['delete_repo', 'list_issues', 'create_issue', 'get_me'].map((name) => ({ server: 'github', name, inputSchema: { type: 'object' }, autoApproved: name === 'create_issue' })),
  callTool: async (_server, tool, _args, options) => {
    calls.push({ tool, options });
    return { content: [{ type: 'text', text: 'done' }], isError: false };
  },
};

it('deny refuses before the server is called; ask and allow reach the manager as the call\'s permission', async () => {
  const handlers = mcpToolHandlers(source, { permissions: mcpPermissions(new PermissionsService(dir, path.join(dir, 'no-user.yaml'))) });
  const ctx = { signal: new AbortController().signal } as ToolContext;
  const run = (name: string) => handlers.find((h) => h.name === `mcp_github_${name}`)!.run({}, ctx);
  expect(await run('delete_repo')).toEqual({ status: 'error', content: expect.stringMatching(/^Permission denied: delete_repo \(MCP server "github"\) is denied by \.kiro\/settings\/permissions\.yaml, rule 1/) });
  await run('list_issues');
  await run('create_issue');
  await run('get_me');
  expect(calls.map((c) => [c.tool, c.options?.permission])).toEqual([
    ['list_issues', 'allow'],
    ['create_issue', 'ask'],
    ['get_me', undefined],
  ]);
});
