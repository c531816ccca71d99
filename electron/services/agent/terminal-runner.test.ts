import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TerminalCommandRunner } from './terminal-runner';
import { PtyTerminals } from './test-support';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'keel-term-'));
  const terminals = new PtyTerminals();
  return { dir, terminals, runner: new TerminalCommandRunner(terminals, (rel) => join(dir, rel)) };
}

describe('TerminalCommandRunner', () => {
  it('gives the model the output without colour codes, and the exit code', async () => {
    const { runner, terminals } = await setup();
    const chunks: string[] = [];
    const r = await runner.run("printf '\\033[31mred\\033[0m\\n'; exit 3", { cwd: '.', timeoutMs: 10_000, onOutput: (c) => chunks.push(c) });
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false });
    expect(r.output).toBe('red\n');
    expect(chunks.join('')).toBe('red\n');
    expect(terminals.started).toEqual(["agent: printf '\\033[31mred\\033[0m\\n'; exit 3"]);
  });

  it('kills the command and what it started on Stop', async () => {
    const { runner, dir } = await setup();
    const ac = new AbortController();
    const run = runner.run('(sleep 60; echo late > late.txt) & echo $! > child; echo started; wait', {
      cwd: '.',
      timeoutMs: 60_000,
      signal: ac.signal,
      onOutput: (c) => c.includes('started') && ac.abort(),
    });
    const r = await run;
    expect(r.exitCode).toBeNull();
    expect(r.signal).toMatch(/SIG/);
    const child = Number(await readFile(join(dir, 'child'), 'utf8'));
    await expect.poll(() => isAlive(child)).toBe(false);
  });

  it('ends a command that runs past its timeout and says so', async () => {
    const { runner } = await setup();
    const r = await runner.run('echo begun; sleep 30', { cwd: '.', timeoutMs: 300 });
    expect(r).toMatchObject({ timedOut: true, exitCode: null });
    expect(r.output).toContain('begun');
  });
});

/** A killed grandchild can linger as a zombie when PID 1 (a container's) does not reap: that counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
