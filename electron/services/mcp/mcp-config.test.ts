import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMcpConfig } from './mcp-config';

const env = { HOME: '/home/u', TOKEN: 'secret', API_URL: 'https://api.example.com' };

describe('resolveMcpConfig', () => {
  it('merges the user file with the workspace file, the workspace entry winning by name', () => {
    const userText = JSON.stringify({ mcpServers: { shared: { command: 'user-cmd' }, mine: { command: 'mine' } } });
    const workspaceText = JSON.stringify({ mcpServers: { shared: { command: 'ws-cmd', args: ['--x'] } } });
    const { servers, problems } = resolveMcpConfig({ userText, workspaceText, env, workspaceFolder: '/ws' });
    expect(problems).toEqual([]);
    expect(servers.map((s) => [s.name, s.scope, s.transport === 'stdio' ? s.command : s.url])).toEqual([
      ['shared', 'workspace', 'ws-cmd'],
      ['mine', 'user', 'mine'],
    ]);
  });

  it('expands ${env:VAR}, ${VAR} and ${workspaceFolder}, and names variables that are not set', () => {
    const workspaceText = JSON.stringify({
      mcpServers: {
        local: { command: '${workspaceFolder}/bin/server', args: ['--home', '${env:HOME}'], env: { T: '${TOKEN}', M: '${env:NOPE}' } },
        remote: { url: '${API_URL}/mcp', headers: { Authorization: 'Bearer ${env:TOKEN}' } },
      },
    });
    const { servers } = resolveMcpConfig({ workspaceText, env, workspaceFolder: '/ws' });
    const [local, remote] = servers;
    expect(local).toMatchObject({ transport: 'stdio', command: '/ws/bin/server', args: ['--home', '/home/u'], env: { T: 'secret', M: '' }, missingVars: ['NOPE'] });
    expect(remote).toMatchObject({ transport: 'http', url: 'https://api.example.com/mcp', headers: { Authorization: 'Bearer secret' } });
  });

  it('carries disabled, autoApprove and disabledTools', () => {
    const workspaceText = JSON.stringify({ mcpServers: { a: { command: 'a', disabled: true, autoApprove: ['read'], disabledTools: ['drop'] } } });
    expect(resolveMcpConfig({ workspaceText, env, workspaceFolder: '/ws' }).servers[0]).toMatchObject({ disabled: true, autoApprove: ['read'], disabledTools: ['drop'] });
  });

  it('reports a broken entry and keeps the others; a broken file is reported, not thrown', () => {
    const workspaceText = JSON.stringify({ mcpServers: { ok: { command: 'ok' }, bad: { args: ['x'] }, badUrl: { url: 'not a url' } } });
    const result = resolveMcpConfig({ workspaceText, env, workspaceFolder: '/ws' });
    expect(result.servers.map((s) => s.name)).toEqual(['ok']);
    expect(result.problems.map((p) => p.server)).toEqual(['bad', 'badUrl']);
    const broken = resolveMcpConfig({ workspaceText: '{"mcpServers": {', env, workspaceFolder: '/ws' });
    expect(broken.servers).toEqual([]);
    expect(broken.problems[0]?.message).toMatch(/line 1/);
  });

  it('a broken workspace entry does not fall back to a same-named user entry', () => {
    const userText = JSON.stringify({ mcpServers: { s: { command: 'user' } } });
    const workspaceText = JSON.stringify({ mcpServers: { s: { url: 'nope' } } });
    expect(resolveMcpConfig({ userText, workspaceText, env, workspaceFolder: '/ws' }).servers).toEqual([]);
  });
});

const corpus = process.env.KEEL_KIRO_CORPUS ?? join(resolve(import.meta.dirname, '..', '..', '..'), '..', 'shared', 'kiro-corpus');

describe.runIf(existsSync(corpus))('mcp.json files from real Kiro projects', () => {
  it('resolve without throwing, every server either usable or reported', () => {
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.kiro/settings/mcp.json'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      const raw = Object.keys((JSON.parse(text) as { mcpServers: object }).mcpServers);
      const { servers, problems } = resolveMcpConfig({ workspaceText: text, env: {}, workspaceFolder: '/ws' });
      expect(servers.length + problems.filter((p) => p.server).length, f).toBe(raw.length);
    }
  });
});
