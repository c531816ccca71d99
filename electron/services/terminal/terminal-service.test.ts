import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalService, type TerminalServiceOptions } from './terminal-service';

let dir: string;
let service: TerminalService | undefined;
const output = new Map<string, string>();
const exits = new Map<string, number>();
let waiters: Array<() => void> = [];

function notify(): void {
  const pending = waiters;
  waiters = [];
  pending.forEach((w) => w());
}

/** Waits for a condition driven by the terminal's own events — no sleeps. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : waiters.push(check));
    check();
  });
}
const outputOf = (id: string) => output.get(id) ?? '';
const seen = (id: string, text: string) => until(() => outputOf(id).includes(text));
const exited = (id: string) => until(() => exits.has(id)).then(() => exits.get(id));

function start(overrides: Partial<TerminalServiceOptions> = {}): TerminalService {
  service = new TerminalService({
    cwd: dir,
    // A predictable interactive shell: no user rc files, a plain prompt.
    shell: '/bin/bash',
    args: ['--norc', '--noprofile', '-i'],
    env: { ...process.env, PS1: '$ ', HISTFILE: '/dev/null' },
    onData: (id, data) => {
      output.set(id, outputOf(id) + data);
      notify();
    },
    onExit: (id, code) => {
      exits.set(id, code);
      notify();
    },
    ...overrides,
  });
  return service;
}

beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-term-')));
  output.clear();
  exits.clear();
  waiters = [];
});
afterEach(async () => {
  await service?.dispose();
  service = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('terminals', () => {
  it('runs commands in the workspace with TERM=xterm-256color and reports the exit code', async () => {
    const terms = start();
    const { id, exitCode } = await terms.create(80, 24);
    expect(exitCode).toBeNull();
    terms.write(id, 'echo "[$PWD|$TERM|$((6*7))]"\r');
    await seen(id, `[${dir}|xterm-256color|42]`);
    terms.write(id, 'exit 7\r');
    expect(await exited(id)).toBe(7);
    expect(terms.list().find((t) => t.id === id)?.exitCode).toBe(7);
  });

  it('runs two terminals at once, each with its own output', async () => {
    const terms = start();
    const a = await terms.create(80, 24);
    const b = await terms.create(80, 24);
    expect(a.id).not.toBe(b.id);
    terms.write(a.id, 'echo alpha-$((1+1))\r');
    terms.write(b.id, 'echo beta-$((2+2))\r');
    await Promise.all([seen(a.id, 'alpha-2'), seen(b.id, 'beta-4')]);
    expect(outputOf(a.id)).not.toContain('beta-4');
    expect(outputOf(b.id)).not.toContain('alpha-2');
    expect(terms.list().map((t) => t.id)).toEqual([a.id, b.id]);
  });

  it('resizes the pty so programs see the new size', async () => {
    const terms = start();
    const { id } = await terms.create(80, 24);
    terms.resize(id, 120, 40);
    terms.write(id, 'echo "size=$(stty size)"\r');
    await seen(id, 'size=40 120');
    expect(terms.list()[0]).toMatchObject({ cols: 120, rows: 40 });
  });

  it('kills a running program and forgets the terminal', async () => {
    const terms = start();
    const { id, pid } = await terms.create(80, 24);
    terms.write(id, 'sleep 1000\r');
    terms.kill(id);
    await exited(id);
    expect(terms.list()).toEqual([]);
    expect(() => terms.write(id, 'x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('closing a terminal ends even a shell that ignores SIGHUP', async () => {
    const terms = start({ shell: '/bin/sh', args: ['-c', "trap '' HUP; echo ready; read line"] });
    const { id, pid } = await terms.create(80, 24);
    await seen(id, 'ready');
    terms.kill(id);
    await exited(id);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('replays the scrollback on reattach, then keeps streaming', async () => {
    const terms = start();
    const { id } = await terms.create(80, 24);
    terms.write(id, 'echo before-$((3*3))\r');
    await seen(id, 'before-9');
    const { info, scrollback } = terms.attach(id, 'reloaded-renderer');
    expect(info.id).toBe(id);
    expect(scrollback).toContain('before-9');
    terms.write(id, 'echo after-$((4*4))\r');
    await seen(id, 'after-16');
  });

  it('answers NOT_FOUND for an unknown terminal', () => {
    const terms = start();
    expect(() => terms.attach('term-99')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('pauses a flooding program until the renderer acknowledges, then delivers everything', async () => {
    const terms = start({
      shell: '/bin/sh',
      args: ['-c', 'head -c 3000000 /dev/zero | tr "\\0" x; echo; echo DONE'],
      flow: { highWatermark: 100_000, lowWatermark: 5_000 },
    });
    const { id } = await terms.create(80, 24);
    // Nothing is acknowledged yet: once past the high watermark the pty must be paused.
    await until(() => outputOf(id).length > 100_000);
    expect(terms.isPaused(id)).toBe(true);
    // Acknowledge as the renderer would, chunk by chunk, until the program is done.
    let acked = 0;
    const ackAll = () => {
      terms.ack(id, outputOf(id).length - acked);
      acked = outputOf(id).length;
    };
    waiters.push(function loop() {
      if (exits.has(id)) return;
      ackAll();
      waiters.push(loop);
    });
    ackAll();
    expect(await exited(id)).toBe(0);
    expect(outputOf(id).replace(/[\r\n]/g, '')).toBe('x'.repeat(3_000_000) + 'DONE');
  });

  it('keeps a program running without a reader, up to the scrollback size, and blocks an endless flood', async () => {
    const terms = start({
      shell: '/bin/sh',
      args: ['-c', 'head -c 300000 /dev/zero | tr "\\0" y; echo END; yes'],
      flow: { highWatermark: 100_000, lowWatermark: 5_000, scrollbackChars: 1_000_000 },
    });
    const { id } = await terms.create(80, 24, 'conn-1');
    await until(() => terms.isPaused(id));
    terms.connectionClosed('conn-1');
    // Nobody acknowledges from here on: the finite part still gets through…
    await seen(id, 'END');
    // …and the endless `yes` is held once a scrollback's worth is buffered, instead of spinning forever.
    await until(() => terms.isPaused(id));
    const reattached = terms.attach(id, 'conn-2');
    expect(reattached.scrollback).toContain('y\r\ny\r\n');
    expect(terms.isPaused(id)).toBe(false);
  });

  it('kills every pty on dispose', async () => {
    const terms = start();
    const a = await terms.create(80, 24);
    const b = await terms.create(80, 24);
    await terms.dispose();
    service = undefined;
    for (const pid of [a.pid, b.pid]) expect(() => process.kill(pid, 0)).toThrow();
    await expect(terms.create(80, 24)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
