import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandAsk } from '../../../protocol';
import { CommandRulesStore } from '../trust/command/command-rules-store';
import { CommandApproval } from '../trust/command-approval';
import { sharedCommandTrust } from '../trust/shared-stores';
import { PermissionsService } from './permissions-service';
import { shellPermissions } from './shell-permissions';

// The command gate with Kiro's permission rules: the real command trust (tree-sitter-bash), the real rules files.

let dir: string;
let root: string;
let userFile: string;
let approval: CommandApproval;
let asks: CommandAsk[];

async function workspaceRules(text: string): Promise<void> {
  await mkdir(path.join(root, '.kiro/settings'), { recursive: true });
  await writeFile(path.join(root, '.kiro/settings/permissions.yaml'), text);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-shellperm-'));
  root = path.join(dir, 'ws');
  userFile = path.join(dir, 'home/.kiro/settings/permissions.yaml');
  await mkdir(root);
  const rules = await CommandRulesStore.open(path.join(dir, 'userData'), await sharedCommandTrust());
  approval = new CommandApproval({ isWorkspaceTrusted: () => true, commandTrust: sharedCommandTrust, rules: async () => rules, ...shellPermissions(new PermissionsService(root, userFile)) });
  asks = [];
  approval.onAsk((a) => asks.push(a));
});
afterEach(async () => {
  approval.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function nextAsk(): Promise<CommandAsk> {
  for (let i = 0; i < 400 && asks.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  const ask = asks.shift();
  if (!ask) throw new Error('No ask was emitted');
  return ask;
}

describe('the command gate with permission rules', () => {
  it('deny refuses a command the trust rules would run, naming the rule', async () => {
    await workspaceRules('- {capability: shell, match: ["git log*"], effect: deny}\n');
    const d = await approval.ask({ command: 'git log -1', source: 'agent' });
    expect(d).toMatchObject({ run: false });
    expect(d.reason).toMatch(/Denied by a permissions rule \(\.kiro\/settings\/permissions\.yaml, rule 1/);
    expect(asks).toEqual([]);
  });

  it('deny catches a simple command inside a longer line', async () => {
    await workspaceRules('- {capability: shell, match: ["rm -rf *"], effect: deny}\n');
    expect((await approval.ask({ command: 'cd build && rm -rf dist', source: 'agent' })).run).toBe(false);
  });

  it('ask asks even what the trust table would run, and the ask carries the rule', async () => {
    await workspaceRules('rules:\n  - capability: shell\n    match: ["git *"]\n    effect: ask\n');
    const pending = approval.ask({ command: 'git status', source: 'agent' });
    const ask = await nextAsk();
    expect(ask.rule).toMatchObject({ effect: 'ask', scope: 'workspace', index: 0, label: '.kiro/settings/permissions.yaml, rule 1: capability: shell match: ["git *"] effect: ask' });
    await approval.answer(ask.id, { choice: 'reject' });
    expect((await pending).run).toBe(false);
  });

  it('allow runs unasked what would otherwise ask — only when it covers every command, never a destructive one', async () => {
    await writeFile(path.join(root, 'x'), '');
    await mkdir(path.dirname(userFile), { recursive: true });
    await writeFile(userFile, '- {capability: shell, match: ["npm run *", "rm *"], effect: allow}\n');
    expect(await approval.ask({ command: 'npm run build', source: 'agent' })).toMatchObject({ run: true, reason: expect.stringMatching(/Allowed by ~?.*permissions\.yaml, rule 1/) });
    const mixed = approval.ask({ command: 'npm run build && curl https://x.example', source: 'agent' });
    await approval.answer((await nextAsk()).id, { choice: 'reject' });
    expect((await mixed).run).toBe(false);
    const destructive = approval.ask({ command: 'rm -rf x', source: 'agent' });
    const ask = await nextAsk();
    expect(ask.warnings.length).toBeGreaterThan(0);
    await approval.answer(ask.id, { choice: 'reject' });
    await destructive;
  });

  it('"Always allow" writes an allow rule to the chosen scope; the next run is unasked', async () => {
    const first = approval.ask({ command: 'npm run build', source: 'agent' });
    const ask = await nextAsk();
    await approval.answer(ask.id, { choice: 'runAndTrust', patterns: ask.suggestedPatterns, scope: 'workspace' });
    expect(await first).toMatchObject({ run: true, reason: expect.stringMatching(/always allowed in \.kiro\/settings\/permissions\.yaml/) });
    expect(await readFile(path.join(root, '.kiro/settings/permissions.yaml'), 'utf8')).toBe('rules:\n  - capability: shell\n    match: ["npm run build", "npm run build *"]\n    effect: allow\n');
    expect(await approval.ask({ command: 'npm run build --prod', source: 'agent' })).toMatchObject({ run: true });

    const second = approval.ask({ command: 'make all', source: 'agent' });
    const ask2 = await nextAsk();
    await approval.answer(ask2.id, { choice: 'runAndTrust', patterns: ask2.suggestedPatterns, scope: 'user' });
    await second;
    expect(await readFile(userFile, 'utf8')).toContain('match: ["make all", "make all *"]');
  });
});
