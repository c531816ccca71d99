/** Powers' mcp.json servers through the real manager and the fixture MCP server: the same trust as mcp.json. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGuardedFile, listGuardedFiles } from '../trust/workspace/guarded-files';
import { McpManager, type McpTrust } from './mcp-manager';

const FIXTURE = path.resolve(import.meta.dirname, '../../../e2e/fixtures/mcp-stdio-server/server.mjs');
const POWER = '.kiro/powers/grafana/mcp.json';
let root: string;
let manager: McpManager | undefined;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'keel-power-mcp-'));
});
afterEach(async () => {
  await manager?.dispose();
  manager = undefined;
  rmSync(root, { recursive: true, force: true });
});

function write(rel: string, servers: Record<string, object>): string {
  const text = JSON.stringify({ mcpServers: servers });
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
  return text;
}

const start = (trust: McpTrust) => McpManager.start({ root, trust, userConfigFile: path.join(root, 'no-user.json'), env: process.env });

describe("powers' MCP servers", () => {
  it('an approved power mcp.json starts its servers; mcp.json keeps a name it defines', async () => {
    const text = write(POWER, { grafana: { command: process.execPath, args: [FIXTURE] }, shared: { command: 'never-run' } });
    write('.kiro/settings/mcp.json', { shared: { command: 'x', disabled: true } });
    manager = await start({ isWorkspaceTrusted: async () => true, isConfigApproved: async () => true, isFileApproved: async (file, content) => file === POWER && content === text });
    expect(manager.statuses().map((s) => [s.name, s.state])).toEqual([
      ['shared', 'disabled'],
      ['grafana', 'ready'],
    ]);
    expect(manager.listTools().map((t) => t.server)).toContain('grafana');
  });

  it('a power mcp.json not approved (new or changed) starts nothing and says why; an untrusted folder starts nothing', async () => {
    write(POWER, { grafana: { command: process.execPath, args: [FIXTURE] } });
    manager = await start({ isWorkspaceTrusted: async () => true, isConfigApproved: async () => true, isFileApproved: async () => false });
    expect(manager.statuses()).toMatchObject([{ name: 'grafana', state: 'blocked', message: expect.stringContaining(`${POWER} is new or changed since you approved it`) }]);
    await manager.dispose();
    manager = await start({ isWorkspaceTrusted: async () => false, isConfigApproved: async () => true, isFileApproved: async () => true });
    expect(manager.statuses()).toMatchObject([{ name: 'grafana', state: 'blocked' }]);
  });

  it('is a guarded file for workspace trust (re-approval on change)', async () => {
    write(POWER, {});
    expect(isGuardedFile(POWER)).toBe(true);
    expect(isGuardedFile('.kiro/powers/grafana/steering/x.md')).toBe(false);
    expect(await listGuardedFiles(root)).toEqual([POWER]);
  });
});
