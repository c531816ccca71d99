import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeCommandRunner } from './command-runner';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}

describe('NodeCommandRunner', () => {
  it('captures output and exit code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keel-run-'));
    const runner = new NodeCommandRunner(() => dir);
    const chunks: string[] = [];
    const r = await runner.run('echo out; echo err >&2; exit 7', { cwd: '.', timeoutMs: 10_000, onOutput: (c) => chunks.push(c) });
    expect(r.exitCode).toBe(7);
    expect(r.output).toContain('out');
    expect(r.output).toContain('err');
    expect(chunks.join('')).toBe(r.output);
  });

  it('ends when the command exits even if a background child holds the output open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keel-run-'));
    const r = await new NodeCommandRunner(() => dir).run('sleep 60 & echo started', { cwd: '.', timeoutMs: 60_000 });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('started\n');
  });

  it('Stop kills the command and everything it started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keel-run-'));
    const ac = new AbortController();
    const running = new NodeCommandRunner(() => dir).run('echo $$ > pid; sleep 60', { cwd: '.', timeoutMs: 60_000, signal: ac.signal });
    await waitFor(async () => (await readFile(join(dir, 'pid'), 'utf8').catch(() => '')).endsWith('\n'));
    const pid = Number(await readFile(join(dir, 'pid'), 'utf8'));
    ac.abort();
    const r = await running;
    expect(r.exitCode).toBeNull();
    expect(r.signal).toBe('SIGTERM');
    expect(alive(pid)).toBe(false);
  });

  it('a timeout kills the command and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keel-run-'));
    const r = await new NodeCommandRunner(() => dir).run('sleep 60', { cwd: '.', timeoutMs: 50 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
  });
});
