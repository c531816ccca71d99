import { readSync } from 'node:fs';
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { IPty } from 'node-pty';
import type { TerminalInfo } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { Scrollback } from './scrollback';

export interface FlowControlOptions {
  /** While output keeps coming it is sent once per this many ms per terminal (one event per frame, not per read). */
  flushMs: number;
  /** Unacknowledged characters above which the pty is paused (the child then blocks on write). */
  highWatermark: number;
  /** Resume once the renderer has caught up below this. */
  lowWatermark: number;
  scrollbackChars: number;
}

export interface PtySessionOptions {
  /**
   * Whether nobody reads the output yet when the session starts (a command started by the agent or a hook: no
   * renderer asked for it). Until a renderer claims it (see `claim`), output is never held back — the program's
   * own reader (the command runner) must see it promptly — and is kept in the scrollback for whoever attaches.
   */
  unread?: boolean;
}

/**
 * The window is wide enough that the pty resumes while the renderer still has output queued (it acknowledges in
 * 64 K batches): with 100 K / 5 K the pty waited for every last batch and a flood crawled at a third of the speed
 * measured with these values. The renderer never holds more than ~300 K unrendered characters (a few ms of work).
 */
export const defaultFlowControl: FlowControlOptions = {
  // One frame's worth of batching and a window of ~1 MB in flight: the ack round trip (renderer write callback →
  // ack batch → host) must not leave the renderer idle, which a 256K window did (≈10 MB/s in the page).
  flushMs: 16,
  highWatermark: 1_000_000,
  lowWatermark: 500_000,
  scrollbackChars: 1_000_000,
};

export interface PtySessionEvents {
  /** Batched output, in order. */
  onData(data: string): void;
  /** Called once, after the last onData. */
  onExit(exitCode: number, signal: number | undefined): void;
}

/**
 * One terminal: a node-pty process plus batching, flow control (watermarks on unacknowledged characters) and a
 * scrollback ring for reattaching.
 *
 * Complete output: node-pty destroys its read socket 200 ms after the child exits unless the socket closed by
 * itself. Output still in the kernel buffer then is lost (1 run in 3 of the flood test here, whether or not the
 * pty was paused at that moment). We intercept that destroy and read the fd to its end first, so every byte is
 * delivered before the exit event.
 */
export class PtySession implements Disposable {
  readonly scrollback: Scrollback;
  private pending: string[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  private unacked = 0;
  private paused = false;
  private detached = false;
  /** Unread output does not pause the pty (see PtySessionOptions.unread). */
  private readonly pauseWhileUnread: boolean;
  private childExited = false;
  private disposing = false;
  private exitCode: number | null = null;
  private readonly exited: Promise<void>;

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly pty: IPty,
    private readonly events: PtySessionEvents,
    private readonly flow: FlowControlOptions = defaultFlowControl,
    options: PtySessionOptions = {},
  ) {
    this.detached = options.unread ?? false;
    this.pauseWhileUnread = !options.unread;
    this.scrollback = new Scrollback(flow.scrollbackChars);
    this.guardAgainstLostOutput();
    pty.onData((data) => this.receive(data));
    this.exited = new Promise((resolve) => {
      pty.onExit(({ exitCode, signal }) => {
        // What a shell's $? would say: death by signal n reads as 128 + n (never as a clean 0).
        this.exitCode = signal ? 128 + signal : exitCode;
        this.flush();
        this.events.onExit(exitCode, signal || undefined);
        resolve();
      });
    });
  }

  get isRunning(): boolean {
    return this.exitCode === null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  info(): TerminalInfo {
    return {
      id: this.id,
      title: this.title,
      pid: this.pty.pid,
      cols: this.pty.cols,
      rows: this.pty.rows,
      exitCode: this.exitCode,
    };
  }

  write(data: string): void {
    if (this.isRunning) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.isRunning) this.pty.resize(cols, rows);
  }

  /**
   * Keel's own text at the top of the terminal (the command a command terminal runs): kept in the scrollback and
   * counted for flow control like output, but not the program's — the caller sends it to the renderer only.
   */
  prelude(text: string): void {
    this.scrollback.append(text);
    this.unacked += text.length;
  }

  /** The renderer has rendered `chars` more characters. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.flow.lowWatermark) this.setPaused(false);
  }

  /** A renderer (re)attached: it starts from the scrollback, so nothing it could acknowledge is outstanding. */
  attached(): void {
    this.detached = false;
    this.unacked = 0;
    if (this.paused) this.setPaused(false);
  }

  /**
   * A renderer started acknowledging output of a session nobody read so far: flow control starts now. Unlike
   * `attached`, the count of unacknowledged characters stays — that renderer received every event from the start
   * and acknowledges all of it.
   */
  claim(): void {
    this.detached = false;
  }

  /**
   * The reader went away (tab closed, page reloading). Output keeps flowing into the scrollback — a build keeps
   * running — but only up to the scrollback's size: an endless flood then blocks instead of burning CPU with
   * nobody watching, and resumes when a renderer attaches.
   */
  detach(): void {
    this.detached = true;
    this.unacked = 0;
    if (this.paused) this.setPaused(false);
  }

  /** Ends the process (SIGHUP, like closing a terminal window); the exit event still follows. */
  kill(signal: NodeJS.Signals = 'SIGHUP'): void {
    if (!this.isRunning) return;
    try {
      this.pty.kill(signal);
    } catch {
      // already gone: the exit event is on its way
    }
  }

  /**
   * Signals the whole process group the pty's child leads (node-pty starts it in a new session), so what a command
   * started in the background ends with it.
   */
  killGroup(signal: NodeJS.Signals): void {
    if (!this.isRunning) return;
    try {
      process.kill(-this.pty.pid, signal);
    } catch {
      this.kill(signal); // no such group (already gone, or another platform): at least the child itself
    }
  }

  /** Kills the process and waits (bounded) for it to be gone. */
  async dispose(): Promise<void> {
    if (!this.isRunning) return;
    this.disposing = true;
    this.kill('SIGHUP');
    const hardKill = setTimeout(() => this.kill('SIGKILL'), 500);
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2_000).unref())]);
    clearTimeout(hardKill);
  }

  private receive(data: string): void {
    this.pending.push(data);
    this.unacked += data.length;
    // After the child exited the remaining output is bounded by the kernel buffer: read it all, never pause.
    const limit = !this.detached ? this.flow.highWatermark : this.pauseWhileUnread ? this.flow.scrollbackChars : Infinity;
    if (!this.paused && !this.childExited && this.unacked > limit) {
      this.setPaused(true);
      // Nothing more arrives until the renderer catches up: send what we hold now rather than after the timer.
      this.flush();
      return;
    }
    if (this.flushTimer) return;
    // Output after a quiet spell (a keystroke's echo, a prompt) goes out at once; a flood is batched per frame.
    if (performance.now() - this.lastFlushAt > this.flow.flushMs) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), this.flow.flushMs);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pending.length) return;
    this.lastFlushAt = performance.now();
    const data = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join('');
    this.pending = [];
    this.scrollback.append(data);
    this.events.onData(data);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    if (!this.isRunning) return;
    if (paused) this.pty.pause();
    else this.pty.resume();
  }

  private guardAgainstLostOutput(): void {
    // node-pty keeps its socket and fd private; without them (another platform or version) there is nothing to do.
    const internals = this.pty as unknown as { _socket?: Socket; _fd?: number };
    const socket = internals._socket;
    const fd = internals._fd;
    if (!socket || typeof socket.destroy !== 'function' || typeof fd !== 'number') return;

    // Output the stream had already buffered (it keeps reading up to its high-water mark while paused). After an
    // error the stream emits no more 'data', so it is taken here; otherwise read() emits it to node-pty's listener.
    const drainStreamBuffer = () => {
      while (socket.readableLength > 0) {
        const chunk: unknown = socket.read();
        if (chunk === null) break;
        if (socket.errored) this.receive(String(chunk));
      }
    };
    socket.on('error', drainStreamBuffer);

    const realDestroy = socket.destroy.bind(socket);
    socket.destroy = ((error?: Error) => {
      if (this.disposing || error || this.childExited) return realDestroy(error);
      // Only node-pty's post-exit timer gets here: the child is gone. Measured: at this point libuv sometimes no
      // longer delivers what is left in the kernel buffer (several KB) although the fd still has it, so read the
      // fd to its end (EIO/EAGAIN) ourselves before letting the socket close and node-pty emit 'exit'.
      this.childExited = true;
      drainStreamBuffer();
      this.drainFd(fd, socket);
      return realDestroy();
    }) as Socket['destroy'];
  }

  private drainFd(fd: number, socket: Socket): void {
    // Continue the stream's own decoder so a UTF-8 sequence split across the boundary stays intact.
    const decoder =
      (socket as unknown as { _readableState?: { decoder?: StringDecoder } })._readableState?.decoder ??
      new StringDecoder('utf8');
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch {
        break; // EIO: all read and the other side is closed; EAGAIN: nothing more for now
      }
      if (n <= 0) break;
      const text = decoder.write(buffer.subarray(0, n));
      if (text) this.receive(text);
    }
  }
}
