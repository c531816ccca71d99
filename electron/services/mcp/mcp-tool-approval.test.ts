import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { McpToolAsk } from '../../../protocol';
import { AlwaysAllowStore } from './always-allow-store';
import { McpToolApproval } from './mcp-tool-approval';

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'keel-mcp-approval-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

const FOLDER = '/projects/app';
const call = (extra: object = {}) => ({ server: 'github', tool: 'create_issue', args: { title: 'Bug' }, fingerprint: 'fp-1', description: 'Opens an issue', ...extra });

/** An approval whose asks are collected; a fresh store instance reads what the previous one wrote. */
function approval(folder = FOLDER) {
  const asks: McpToolAsk[] = [];
  const closed: string[] = [];
  const store = AlwaysAllowStore.open(userData);
  const a = new McpToolApproval(folder, () => store);
  a.onAsk((ask) => asks.push(ask));
  a.onAskClosed(({ id }) => closed.push(id));
  return { a, asks, closed };
}

describe('MCP tool approval', () => {
  it('asks with the tool, its server and its arguments; Allow lets this call run and the next one asks again', async () => {
    const { a, asks, closed } = approval();
    const first = a.approve(call({ sessionId: 's1' }));
    await expect.poll(() => asks.length).toBe(1);
    expect(asks[0]).toMatchObject({ server: 'github', tool: 'create_issue', description: 'Opens an issue', sessionId: 's1' });
    expect(JSON.parse(asks[0]!.args)).toEqual({ title: 'Bug' });
    expect(a.pending()).toHaveLength(1);
    await a.answer(asks[0]!.id, 'allow');
    expect(await first).toEqual({ allowed: true });
    expect(closed).toEqual([asks[0]!.id]);
    expect(a.pending()).toEqual([]);

    const second = a.approve(call());
    await expect.poll(() => asks.length).toBe(2);
    await a.answer(asks[1]!.id, 'reject');
    expect(await second).toEqual({ allowed: false, reason: 'the user rejected it' });
  });

  it('"Always allow" is kept in the user data dir for this folder and server launch: later calls run unasked, also after a restart', async () => {
    const { a, asks } = approval();
    const first = a.approve(call());
    await expect.poll(() => asks.length).toBe(1);
    await a.answer(asks[0]!.id, 'always');
    expect(await first).toEqual({ allowed: true });
    expect(await a.approve(call({ args: { title: 'Another' } }))).toEqual({ allowed: true });
    expect(asks).toHaveLength(1);
    const saved = JSON.parse(readFileSync(path.join(userData, 'mcp', 'always-allowed.json'), 'utf8')) as { folders: Record<string, unknown[]> };
    expect(saved.folders[FOLDER]).toMatchObject([{ server: 'github', tool: 'create_issue', fingerprint: 'fp-1' }]);

    // "Restart": a new store instance reads the file.
    const again = approval();
    expect(await again.a.approve(call())).toEqual({ allowed: true });
    expect(again.asks).toHaveLength(0);
    expect(await again.a.isAlwaysAllowed('github', 'create_issue', 'fp-1')).toBe(true);

    // Another tool of the same server, the same tool in another folder, or the server launched differently ask.
    const other = again.a.approve(call({ tool: 'delete_repo' }));
    const swapped = again.a.approve(call({ fingerprint: 'fp-evil' }));
    await expect.poll(() => again.asks.length).toBe(2);
    const elsewhere = approval('/projects/other');
    void elsewhere.a.approve(call());
    await expect.poll(() => elsewhere.asks.length).toBe(1);
    for (const ask of again.asks) await again.a.answer(ask.id, 'reject');
    expect((await other).allowed).toBe(false);
    expect((await swapped).allowed).toBe(false);
    elsewhere.a.dispose();
  });

  it('revoking an "Always allow" makes the tool ask again', async () => {
    const { a, asks } = approval();
    const p = a.approve(call());
    await expect.poll(() => asks.length).toBe(1);
    await a.answer(asks[0]!.id, 'always');
    await p;
    await a.revoke('github', 'create_issue');
    expect(await a.isAlwaysAllowed('github', 'create_issue', 'fp-1')).toBe(false);
    void a.approve(call());
    await expect.poll(() => asks.length).toBe(2);
    a.dispose();
  });

  it('the agent stopping withdraws the question (its dialog closes); closing the folder refuses what waits', async () => {
    const { a, asks, closed } = approval();
    const stop = new AbortController();
    const waiting = a.approve(call(), stop.signal);
    await expect.poll(() => asks.length).toBe(1);
    stop.abort();
    expect(await waiting).toMatchObject({ allowed: false, reason: expect.stringMatching(/stopped/) });
    expect(closed).toEqual([asks[0]!.id]);
    await expect(a.answer(asks[0]!.id, 'allow')).rejects.toThrow(/no longer waiting/);

    const left = a.approve(call());
    await expect.poll(() => asks.length).toBe(2);
    a.dispose();
    expect(await left).toMatchObject({ allowed: false, reason: expect.stringMatching(/closed/) });
    expect(await a.approve(call())).toMatchObject({ allowed: false });
  });

  it('an unreadable store file is kept aside and nothing counts as allowed', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(userData, 'mcp'), { recursive: true });
    writeFileSync(path.join(userData, 'mcp', 'always-allowed.json'), '{ not json');
    const store = await AlwaysAllowStore.open(userData);
    expect(store.problem).toMatch(/could not be read/);
    expect(store.isAllowed(FOLDER, 'github', 'create_issue', 'fp-1')).toBe(false);
  });
});
