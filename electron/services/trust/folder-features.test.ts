import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HookRunInfo, McpState, TrustState } from '../../../protocol';
import { createHandlers } from '../../ipc/handlers/index';
import { createRouter, type Router } from '../../ipc/router';
import { findRepoRoot } from '../../base/repo-root';
import { RecentFolders } from '../app/user-data';
import { Workbench } from '../app/workbench';

const SERVER = path.join(findRepoRoot(import.meta.url), 'e2e/fixtures/mcp-stdio-server/server.mjs');
const ctx = { connectionId: 'c1' };

let base: string;
let folder: string;
let marker: string;
let workbench: Workbench;
let router: Router;
let events: Array<{ event: string; payload: unknown }>;

async function write(rel: string, text: string) {
  await mkdir(path.dirname(path.join(folder, rel)), { recursive: true });
  await writeFile(path.join(folder, rel), text);
}

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const reply = (await router.dispatch(channel as never, payload as never, ctx)) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.value as T;
}

/** The first event (already seen or still to come) that satisfies `predicate`. */
async function eventWhere<T>(name: string, predicate: (payload: T) => boolean, from = 0): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const hit = events.slice(from).find((e) => e.event === name && predicate(e.payload as T));
    if (hit) return hit.payload as T;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`No ${name} event matched; saw ${events.map((e) => e.event).join(', ')}`);
}

const serverState = (state: McpState) => state.servers.find((s) => s.name === 'fixture')?.state;

function serverRunning(): boolean {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((l) => l.includes(marker));
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-features-')));
  folder = path.join(base, 'ws');
  marker = `marker-${path.basename(base)}`;
  await write('src/app.ts', 'export {};\n');
  await write(
    '.kiro/hooks/on-save.kiro.hook',
    JSON.stringify({ name: 'On save', when: { type: 'fileEdited', patterns: ['src/**/*.ts'] }, then: { type: 'runCommand', command: 'echo "saved $KEEL_CHANGED_FILES"' } }),
  );
  await write('.kiro/settings/mcp.json', JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [SERVER, marker] } } }, null, 2));
  events = [];
  const userData = path.join(base, 'user-data');
  workbench = new Workbench({ recent: new RecentFolders(userData), userDataDir: userData, emit: (event, payload) => events.push({ event, payload }) });
  router = createRouter(createHandlers({ host: { kind: 'browser', version: 'test' }, workbench, recent: new RecentFolders(userData) }));
  await workbench.open(folder);
});
afterEach(async () => {
  await workbench.dispose();
  await rm(base, { recursive: true, force: true });
});

describe('trust, hooks and MCP started with the folder', () => {
  it('an undecided folder runs no hook and starts no MCP server, and says why', async () => {
    expect((await call<TrustState>('trust/state', {})).decision).toBe('undecided');
    await call('workspace/writeFile', { path: 'src/app.ts', content: 'export const a = 1;\n' });
    const run = await eventWhere<HookRunInfo>('hooks/run', (r) => r.status === 'blocked');
    expect(run.reason).toMatch(/not trusted/);
    expect((await call<{ blocked?: string }>('hooks/list', {})).blocked).toMatch(/Restricted mode/);
    expect(serverState(await call<McpState>('mcp/status', {}))).toBe('blocked');
    expect(serverRunning()).toBe(false);
  });

  it('after Trust: a save runs the hook (output in the run log) and the MCP server is ready with its tools', async () => {
    await call('trust/decide', { decision: 'trusted' });
    const ready = await eventWhere<McpState>('mcp/changed', (s) => serverState(s) === 'ready');
    expect(ready.servers[0]?.tools.map((t) => t.name)).toContain('echo');
    expect(serverRunning()).toBe(true);

    await call('workspace/writeFile', { path: 'src/app.ts', content: 'export const a = 2;\n' });
    const run = await eventWhere<HookRunInfo>('hooks/run', (r) => r.status === 'succeeded');
    expect(run.output).toBe('saved src/app.ts\n');
    expect((await call<{ runs: HookRunInfo[] }>('hooks/runs', {})).runs.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('a changed mcp.json asks again with its diff and stops the server until approved', async () => {
    await call('trust/decide', { decision: 'trusted' });
    await eventWhere<McpState>('mcp/changed', (s) => serverState(s) === 'ready');
    const mark = events.length;
    const changed = JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [SERVER, marker, '--changed'] } } }, null, 2);
    await call('workspace/writeFile', { path: '.kiro/settings/mcp.json', content: changed });
    const pending = await eventWhere<TrustState>('trust/changed', (s) => s.pending.length > 0, mark);
    expect(pending.pending[0]).toMatchObject({ file: '.kiro/settings/mcp.json', state: 'changed', content: changed });
    expect(pending.pending[0]?.diff).toContain('+        "--changed"');
    await eventWhere<McpState>('mcp/changed', (s) => serverState(s) === 'blocked', mark);

    await call('trust/approveFile', { file: '.kiro/settings/mcp.json', content: changed });
    await eventWhere<McpState>('mcp/changed', (s) => serverState(s) === 'ready', mark);
  });

  it('the hook form saves a valid hook (kept approved) and refuses an invalid one with the reason', async () => {
    await call('trust/decide', { decision: 'trusted' });
    const id = '.kiro/hooks/manual.kiro.hook';
    const text = JSON.stringify({ name: 'Manual', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'echo by hand' } }, null, 2);
    await call('hooks/save', { id, content: text, create: true });
    await expect(call('hooks/save', { id, content: '{"name":"x","when":{"type":"fileEdited"},"then":{"type":"runCommand","command":"x"}}', create: false })).rejects.toThrow(
      /needs at least one file pattern/,
    );
    expect((await call<TrustState>('trust/state', {})).pending).toEqual([]);
    const hooks = await eventWhere<{ hooks: { id: string; needsApproval: boolean }[] }>('hooks/changed', (s) => s.hooks.some((h) => h.id === id));
    expect(hooks.hooks.find((h) => h.id === id)?.needsApproval).toBe(false);
    const { runId } = await call<{ runId: string }>('hooks/run', { id });
    const run = await eventWhere<HookRunInfo>('hooks/run', (r) => r.id === runId && r.status === 'succeeded');
    expect(run.output).toBe('by hand\n');
  });

  it("the form's pattern preview lists the workspace files the engine would match", async () => {
    await write('src/gen/x.ts', '');
    await write('src/b.ts', '');
    await write('.env.local', '');
    const found = await call<{ files: string[]; total: number }>('hooks/matchFiles', { patterns: ['src/**/*.ts', '!src/gen/**'], limit: 1 });
    expect(found).toEqual({ files: ['src/app.ts'], total: 2 });
    expect((await call<{ files: string[] }>('hooks/matchFiles', { patterns: ['.env*'] })).files).toEqual(['.env.local']);
  });

  it('closing the folder stops the MCP servers and the hooks', async () => {
    await call('trust/decide', { decision: 'trusted' });
    await eventWhere<McpState>('mcp/changed', (s) => serverState(s) === 'ready');
    await workbench.dispose();
    expect(serverRunning()).toBe(false);
  });
});
