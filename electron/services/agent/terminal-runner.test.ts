import { mkdtemp, readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../protocol';
import { TerminalService } from '../terminal/terminal-service';
import { TerminalCommandRunner, terminalTitle } from './terminal-runner';
import { isAlive } from '../terminal/test-support';

let terminals: TerminalService | undefined;
afterEach(async () => {
  await terminals?.dispose();
  terminals = undefined;
});

/** The runner on the workbench's real terminal service, recording the tabs the renderer would be told to open. */
async function setup() {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'keel-term-')));
  const opened: TerminalInfo[] = [];
  const shown = new Map<string, string>();
  terminals = new TerminalService({ cwd: dir, onData: (id, d) => shown.set(id, (shown.get(id) ?? '') + d), onExit: () => undefined });
  terminals.onDidOpen((info) => opened.push(info));
  return { dir, opened, shown, terminals, runner: new TerminalCommandRunner(terminals, (rel) => join(dir, rel)) };
}

describe('TerminalCommandRunner', () => {
  it('runs in a visible terminal; the model gets the output without colour codes, and the exit code', async () => {
    const { runner, opened, shown, terminals } = await setup();
    const chunks: string[] = [];
    const r = await runner.run("printf '\\033[31mred\\033[0m\\n'; exit 3", { cwd: '.', timeoutMs: 10_000, onOutput: (c) => chunks.push(c) });
    expect(r).toEqual({ exitCode: 3, signal: null, timedOut: false, output: 'red\n' });
    expect(chunks.join('')).toBe('red\n');
    // The user saw the same command, in colour, in a tab named for it that stays open with its exit code.
    expect(opened).toEqual([expect.objectContaining({ title: "agent: printf '\\033[31mred\\033[0m\\n'; exit 3" })]);
    // Headed by the command (for the user only: the model's output above has no such line).
    expect(shown.get(opened[0]!.id)).toBe("\x1b[2m$ printf '\\033[31mred\\033[0m\\n'; exit 3\x1b[0m\r\n\x1b[31mred\x1b[0m\r\n");
    expect(terminals.list()).toEqual([expect.objectContaining({ id: opened[0]!.id, exitCode: 3 })]);
  });

  it('kills the command and what it started on Stop, and the terminal shows it was ended', async () => {
    const { runner, dir, terminals } = await setup();
    const ac = new AbortController();
    const r = await runner.run('(sleep 60; echo late > late.txt) & echo $! > child; echo started; wait', {
      cwd: '.',
      timeoutMs: 60_000,
      signal: ac.signal,
      onOutput: (c) => c.includes('started') && ac.abort(),
    });
    expect(r).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: false });
    const child = Number(await readFile(join(dir, 'child'), 'utf8'));
    await expect.poll(() => isAlive(child)).toBe(false);
    // 128 + SIGTERM, as a shell would report it — not a clean-looking 0.
    expect(terminals.list()[0]?.exitCode).toBe(143);
  });

  it('ends a command that runs past its timeout and says so', async () => {
    const { runner } = await setup();
    const r = await runner.run('echo begun; sleep 30', { cwd: '.', timeoutMs: 300 });
    expect(r).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
    expect(r.output).toContain('begun');
  });

  it('reports a command ended by closing its tab as killed by SIGHUP', async () => {
    const { runner, terminals, opened } = await setup();
    const r = await runner.run('echo waiting; sleep 30', {
      cwd: '.',
      timeoutMs: 60_000,
      onOutput: (c) => c.includes('waiting') && terminals.kill(opened[0]!.id),
    });
    expect(r).toMatchObject({ exitCode: null, signal: 'SIGHUP', timedOut: false });
  });

  it('does not start anything when Stop came first', async () => {
    const { runner, opened } = await setup();
    const ac = new AbortController();
    ac.abort();
    expect(await runner.run('touch nope', { cwd: '.', timeoutMs: 1000, signal: ac.signal })).toMatchObject({ exitCode: null });
    expect(opened).toEqual([]);
  });

  it('the session\'s next command replaces its finished terminal instead of adding a tab', async () => {
    const { runner, terminals, opened } = await setup();
    await runner.run('echo one', { cwd: '.', timeoutMs: 10_000 });
    await runner.run('echo two', { cwd: '.', timeoutMs: 10_000 });
    expect(opened.map((t) => t.title)).toEqual(['agent: echo one', 'agent: echo two']);
    expect(terminals.list()).toEqual([expect.objectContaining({ id: opened[1]!.id, title: 'agent: echo two' })]);
  });

  it('names the tab after the command’s first line, shortened', () => {
    expect(terminalTitle('npm test')).toBe('agent: npm test');
    expect(terminalTitle('  npm   run build\nnpm test')).toBe('agent: npm run build…');
    expect(terminalTitle('x'.repeat(50))).toBe(`agent: ${'x'.repeat(40)}…`);
  });
});

