import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../protocol';
import type { CommandTerminal } from '../agent/terminal-runner';
import type { FlowControlOptions } from './pty-session';
import { TerminalService } from './terminal-service';
import { isAlive } from './test-support';

let dir: string;
let service: TerminalService | undefined;
/** What the renderer would be sent, in order: `opened` events and output. */
let sent: Array<{ event: 'opened'; info: TerminalInfo } | { event: 'data'; id: string; data: string } | { event: 'exit'; id: string; exitCode: number; signal?: number }>;

function start(flow: Partial<FlowControlOptions> = {}): TerminalService {
  service = new TerminalService({
    cwd: dir,
    env: { ...process.env, HISTFILE: '/dev/null' },
    onData: (id, data) => sent.push({ event: 'data', id, data }),
    onExit: (id, exitCode, signal) => sent.push({ event: 'exit', id, exitCode, ...(signal === undefined ? {} : { signal }) }),
    flow,
  });
  service.onDidOpen((info) => sent.push({ event: 'opened', info }));
  return service;
}

/** Everything the command printed, collected through its own handle; resolves when it has exited. */
async function outputUntilExit(terminal: CommandTerminal): Promise<{ text: string; exit: { exitCode: number; signal?: number } }> {
  let text = '';
  terminal.onData((d) => (text += d));
  const exit = await terminal.exited;
  return { text, exit };
}

function seen(terminal: CommandTerminal, marker: string): Promise<void> {
  let text = '';
  return new Promise((resolve) => {
    const sub = terminal.onData((d) => {
      text += d;
      if (text.includes(marker)) {
        sub.dispose();
        resolve();
      }
    });
  });
}

beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-cmdterm-')));
  sent = [];
});
afterEach(async () => {
  await service?.dispose();
  service = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('TerminalService.runCommand', () => {
  it('runs the command with bash in the folder, announces the tab before any output, and reports the exit code', async () => {
    const terms = start();
    const terminal = await terms.runCommand({ command: "printf 'hello %s\\n' \"$((6*7))\"; pwd; exit 3", cwd: dir, title: 'agent: npm test' });
    const { text, exit } = await outputUntilExit(terminal);
    expect(exit).toEqual({ exitCode: 3 });
    expect(text).toBe(`hello 42\r\n${dir}\r\n`);
    // The renderer learns of the tab first, then gets the same output, then the exit.
    expect(sent[0]).toMatchObject({ event: 'opened', info: { id: terminal.id, title: 'agent: npm test', exitCode: null } });
    // The renderer also gets the command as the terminal's dimmed first line; the caller's handle does not.
    const shown = sent.filter((e) => e.event === 'data').map((e) => e.data).join('');
    const heading = `\x1b[2m$ printf 'hello %s\\n' "$((6*7))"; pwd; exit 3\x1b[0m\r\n`;
    expect(shown).toBe(heading + text);
    expect(sent.at(-1)).toEqual({ event: 'exit', id: terminal.id, exitCode: 3 });
    // What the agent's #terminal context reads back, without attaching.
    expect(terms.scrollback(terminal.id)).toBe(heading + text);
    // The finished terminal stays (it shows its exit status) until the user closes it.
    expect(terms.list()).toEqual([expect.objectContaining({ id: terminal.id, title: 'agent: npm test', exitCode: 3 })]);
    terms.kill(terminal.id);
    expect(terms.list()).toEqual([]);
  });

  it('takes what the user types, as a terminal does', async () => {
    const terms = start();
    const terminal = await terms.runCommand({ command: 'read -r -p "name? " name; echo "hi-$name"', cwd: dir, title: 'agent: ask' });
    const done = outputUntilExit(terminal);
    await seen(terminal, 'name? ');
    terms.write(terminal.id, 'keel\r');
    const { text, exit } = await done;
    expect(text).toContain('hi-keel');
    expect(exit.exitCode).toBe(0);
  });

  it('kill ends the whole process group, including a child still sleeping', async () => {
    const terms = start();
    const terminal = await terms.runCommand({ command: 'sleep 60 & echo $! > child; echo started; wait', cwd: dir, title: 'agent: sleepy' });
    const done = outputUntilExit(terminal);
    await seen(terminal, 'started');
    const child = Number(await readFile(path.join(dir, 'child'), 'utf8'));
    expect(isAlive(child)).toBe(true);
    terminal.kill('SIGTERM');
    const { exit } = await done;
    expect(exit.signal).toBe(os.constants.signals.SIGTERM);
    await expect.poll(() => isAlive(child)).toBe(false);
    expect(sent.at(-1)).toMatchObject({ event: 'exit', id: terminal.id, signal: os.constants.signals.SIGTERM });
  });

  it('closing the tab while the command runs ends it and what it started', async () => {
    const terms = start();
    const terminal = await terms.runCommand({ command: 'sleep 60 & echo $! > child; echo started; wait', cwd: dir, title: 'agent: sleepy' });
    const done = outputUntilExit(terminal);
    await seen(terminal, 'started');
    const child = Number(await readFile(path.join(dir, 'child'), 'utf8'));
    terms.kill(terminal.id);
    expect((await done).exit.signal).toBeDefined();
    await expect.poll(() => isAlive(child)).toBe(false);
    expect(terms.list()).toEqual([]);
  });

  it('delivers every byte before the exit settles, with nobody acknowledging (no window reads it)', async () => {
    // A small window: a terminal nobody has claimed must not wait for acknowledgements that never come.
    const terms = start({ highWatermark: 50_000, lowWatermark: 5_000 });
    const terminal = await terms.runCommand({ command: 'head -c 3000000 /dev/zero | tr "\\0" x; echo; echo END-MARKER', cwd: dir, title: 'agent: flood' });
    const { text, exit } = await outputUntilExit(terminal);
    expect(exit.exitCode).toBe(0);
    expect(text.replace(/[\r\n]/g, '')).toBe(`${'x'.repeat(3_000_000)}END-MARKER`);
  });

  it('once a window acknowledges its output, flow control holds a flood until that window catches up', async () => {
    const terms = start({ highWatermark: 50_000, lowWatermark: 5_000 });
    const terminal = await terms.runCommand({ command: 'head -c 2000000 /dev/zero | tr "\\0" z; echo; echo END-MARKER', cwd: dir, title: 'agent: flood' });
    let received = 0;
    let text = '';
    let paused = false;
    terminal.onData((d) => {
      text += d;
      received += d.length;
      // The window acknowledges only once the pty has been held back (a renderer busy with earlier output).
      if (!terms.isPaused(terminal.id)) return;
      paused = true;
      const chars = received;
      received = 0;
      setImmediate(() => terms.list().some((t) => t.id === terminal.id) && terms.ack(terminal.id, chars, 'window-1'));
    });
    // The window claims the terminal with its first acknowledgement.
    terms.ack(terminal.id, 0, 'window-1');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(paused).toBe(true);
    expect(text.replace(/[\r\n]/g, '')).toBe(`${'z'.repeat(2_000_000)}END-MARKER`);
  });

  it('a group reuses its place: a new command closes the finished terminals of its group, never a running one', async () => {
    const terms = start();
    const closed: string[] = [];
    terms.onDidClose((id) => closed.push(id));
    const first = await terms.runCommand({ command: 'exit 1', cwd: dir, title: 'hook: lint', group: 'hook-lint' });
    await first.exited;
    const other = await terms.runCommand({ command: 'true', cwd: dir, title: 'agent: true', group: 'agent-1' });
    await other.exited;
    const running = await terms.runCommand({ command: 'echo waiting; read -r line', cwd: dir, title: 'hook: lint', group: 'hook-lint' });
    expect(closed).toEqual([first.id]);
    await seen(running, 'waiting');
    const third = await terms.runCommand({ command: 'true', cwd: dir, title: 'hook: lint', group: 'hook-lint' });
    await third.exited;
    expect(closed).toEqual([first.id]);
    expect(terms.list().map((t) => t.id)).toEqual([other.id, running.id, third.id]);
    terms.write(running.id, 'done\r');
    await running.exited;
  });

  it('gives the command the environment it was asked for, minus what only launching Keel needed', async () => {
    const terms = start();
    const terminal = await terms.runCommand({
      command: 'echo "[$KEEL_HOOK_NAME|${npm_lifecycle_event:-none}|$TERM]"',
      cwd: dir,
      title: 'hook: env',
      env: { PATH: process.env.PATH, KEEL_HOOK_NAME: 'Lint on save', npm_lifecycle_event: 'start' },
    });
    expect((await outputUntilExit(terminal)).text).toContain('[Lint on save|none|xterm-256color]');
  });

  it('tells every window when a terminal is closed', async () => {
    const terms = start();
    const closed: string[] = [];
    terms.onDidClose((id) => closed.push(id));
    const terminal = await terms.runCommand({ command: 'true', cwd: dir, title: 'agent: true' });
    await terminal.exited;
    terms.kill(terminal.id);
    expect(closed).toEqual([terminal.id]);
  });

  it('says which folder is missing instead of starting nothing', async () => {
    const terms = start();
    await expect(terms.runCommand({ command: 'true', cwd: path.join(dir, 'gone'), title: 'agent: true' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('gone'),
    });
    expect(sent).toEqual([]);
  });
});

