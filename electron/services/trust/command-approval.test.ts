import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandAsk } from '../../../protocol';
import { CommandRulesStore } from './command/command-rules-store';
import { CommandApproval } from './command-approval';
import { sharedCommandTrust } from './shared-stores';

let userData: string;
let trusted: boolean;
let approval: CommandApproval;
let asks: CommandAsk[];
let closed: string[];

beforeEach(async () => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'keel-approval-'));
  trusted = true;
  const rules = await CommandRulesStore.open(userData, await sharedCommandTrust());
  approval = new CommandApproval({ isWorkspaceTrusted: () => trusted, commandTrust: sharedCommandTrust, rules: async () => rules });
  asks = [];
  closed = [];
  approval.onAsk((a) => asks.push(a));
  approval.onAskClosed((c) => closed.push(c.id));
});
afterEach(() => {
  approval.dispose();
  rmSync(userData, { recursive: true, force: true });
});

/** Waits until the approval has put a question to the user. */
async function nextAsk(): Promise<CommandAsk> {
  for (let i = 0; i < 200 && asks.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  const ask = asks.shift();
  if (!ask) throw new Error('No ask was emitted');
  return ask;
}

describe('CommandApproval', () => {
  it('runs a read-only command at once in a trusted folder, without asking', async () => {
    expect(await approval.ask({ command: 'git status && ls -la', source: 'agent' })).toEqual({ run: true, command: 'git status && ls -la' });
    expect(asks).toEqual([]);
  });

  it('refuses every command in an untrusted folder, even read-only ones, and says why', async () => {
    trusted = false;
    const decision = await approval.ask({ command: 'ls', source: 'agent' });
    expect(decision.run).toBe(false);
    expect(decision.reason).toMatch(/not trusted/);
    expect(asks).toEqual([]);
  });

  it('asks about an untrusted command with what would be trusted, and Run allows it once', async () => {
    const pending = approval.ask({ command: 'npm run build', source: 'agent', sessionId: 's1' });
    const ask = await nextAsk();
    expect(ask).toMatchObject({ command: 'npm run build', source: 'agent', sessionId: 's1', suggestedPatterns: ['npm run build'], warnings: [] });
    expect(approval.pending().map((a) => a.id)).toEqual([ask.id]);
    await approval.answer(ask.id, { choice: 'run' });
    expect(await pending).toMatchObject({ run: true, command: 'npm run build' });
    expect(closed).toEqual([ask.id]);
    expect(approval.pending()).toEqual([]);

    // Allowed once only: the next identical command asks again.
    const again = approval.ask({ command: 'npm run build', source: 'agent' });
    const second = await nextAsk();
    await approval.answer(second.id, { choice: 'reject' });
    expect((await again).run).toBe(false);
  });

  it('Run and trust stores the pattern in the user data dir, so the next matching command runs unasked', async () => {
    const pending = approval.ask({ command: 'npm run build -- --watch=false', source: 'agent' });
    const ask = await nextAsk();
    await approval.answer(ask.id, { choice: 'runAndTrust', patterns: ask.suggestedPatterns });
    expect((await pending).run).toBe(true);
    expect(await approval.ask({ command: 'npm run build', source: 'agent' })).toEqual({ run: true, command: 'npm run build' });
    const stored = JSON.parse(readFileSync(path.join(userData, 'trust', 'command-rules.json'), 'utf8')) as unknown;
    expect(stored).toMatchObject({ rules: [{ pattern: 'npm run build', match: 'prefix' }] });
    // A chain with another untrusted part still asks.
    const chained = approval.ask({ command: 'npm run build && curl example.com', source: 'agent' });
    const third = await nextAsk();
    expect(third.commands.filter((c) => !c.trusted).map((c) => c.text)).toEqual(['curl example.com']);
    await approval.answer(third.id, { choice: 'reject' });
    await chained;
  });

  it('a destructive command asks with a warning and cannot be trusted', async () => {
    const pending = approval.ask({ command: 'rm -rf build', source: 'agent' });
    const ask = await nextAsk();
    expect(ask.warnings.length).toBeGreaterThan(0);
    expect(ask.suggestedPatterns).toEqual([]);
    await expect(approval.answer(ask.id, { choice: 'runAndTrust', patterns: ['rm'] })).rejects.toThrow(/cannot be trusted/);
    await approval.answer(ask.id, { choice: 'reject', reason: 'keep the build' });
    expect(await pending).toEqual({ run: false, command: 'rm -rf build', reason: 'Rejected by the user: keep the build' });
  });

  it('Modify runs the command as the user edited it', async () => {
    const pending = approval.ask({ command: 'npm publish', source: 'agent' });
    const ask = await nextAsk();
    await approval.answer(ask.id, { choice: 'modify', command: 'npm publish --dry-run' });
    expect(await pending).toMatchObject({ run: true, command: 'npm publish --dry-run' });
  });

  it("gives up when the caller's signal aborts, and closes the dialog", async () => {
    const controller = new AbortController();
    const pending = approval.ask({ command: 'make deploy', source: 'agent' }, controller.signal);
    const ask = await nextAsk();
    controller.abort();
    expect(await pending).toMatchObject({ run: false });
    expect(closed).toEqual([ask.id]);
    await expect(approval.answer(ask.id, { choice: 'run' })).rejects.toThrow(/no longer waiting/);
  });

  it('closing the folder refuses the commands still waiting', async () => {
    const pending = approval.ask({ command: 'make deploy', source: 'hook' });
    await nextAsk();
    approval.dispose();
    expect(await pending).toMatchObject({ run: false, reason: 'The folder was closed.' });
    expect(await approval.ask({ command: 'ls', source: 'agent' })).toMatchObject({ run: false });
  });

  it('a permissions allow rule never lifts an ask to leave the sandbox: the network command still asks, naming why', async () => {
    const rules = await CommandRulesStore.open(userData, await sharedCommandTrust());
    const rule = { effect: 'allow' as const, label: '.kiro/settings/permissions.yaml, rule 1: shell curl *', scope: 'workspace' as const, file: '.kiro/settings/permissions.yaml', index: 0 };
    const sandboxed = new CommandApproval({
      isWorkspaceTrusted: () => true,
      commandTrust: sharedCommandTrust,
      rules: async () => rules,
      sandbox: { available: async () => true, workspace: userData },
      permissions: async () => rule,
    });
    const seen: CommandAsk[] = [];
    sandboxed.onAsk((a) => seen.push(a));
    const pending = sandboxed.ask({ command: 'curl https://example.com/install.sh', source: 'agent' });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.warnings.join(' ')).toMatch(/Leaves the sandbox/);
    // A plain confined command under the same allow rule runs at once, in the sandbox.
    expect(await sandboxed.ask({ command: 'make check', source: 'agent' })).toMatchObject({ run: true, sandbox: 'confined' });
    sandboxed.dispose();
    expect(await pending).toMatchObject({ run: false });
  });

  it('a command the parser cannot read asks, with the parse error', async () => {
    const pending = approval.ask({ command: 'echo "unterminated', source: 'agent' });
    const ask = await nextAsk();
    expect(ask.parseError).toBeTruthy();
    await approval.answer(ask.id, { choice: 'reject' });
    await pending;
  });

  it('edits the rule list: bad patterns are refused with the reason', async () => {
    expect(await approval.addRule({ pattern: 'make test', match: 'exact' })).toEqual([{ pattern: 'make test', match: 'exact' }]);
    await expect(approval.addRule({ pattern: 'make; rm -rf /', match: 'prefix' })).rejects.toThrow(/single command/);
    expect((await approval.evaluate('make test')).decision).toBe('run');
    expect((await approval.evaluate('make test -j4')).decision).toBe('ask');
    expect(await approval.removeRule({ pattern: 'make test', match: 'exact' })).toEqual([]);
  });
});
