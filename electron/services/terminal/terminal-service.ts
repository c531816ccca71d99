import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { KeelError, type TerminalInfo } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { defaultFlowControl, PtySession, type FlowControlOptions } from './pty-session';
import { terminalEnv } from './terminal-env';

export interface TerminalServiceOptions {
  cwd: string;
  onData(id: string, data: string): void;
  onExit(id: string, exitCode: number, signal: number | undefined): void;
  /** Defaults to the user's $SHELL, else /bin/bash. Tests pass a fixed command. */
  shell?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  flow?: Partial<FlowControlOptions>;
}

interface Entry {
  session: PtySession;
  /** The connection that created or last attached; if it goes away, flow control must not wait for its acks. */
  reader: string | undefined;
  /** Closed by the user: dropped from the list once the process has exited. */
  closed: boolean;
}

/**
 * The terminals of one workspace. node-pty is loaded on the first terminal so the host starts without it.
 * dispose() kills every pty (workspace closed, app quitting).
 */
export class TerminalService implements Disposable {
  private readonly terminals = new Map<string, Entry>();
  private nextId = 1;
  private disposed = false;
  private readonly flow: FlowControlOptions;

  constructor(private readonly options: TerminalServiceOptions) {
    this.flow = { ...defaultFlowControl, ...options.flow };
  }

  async create(cols: number, rows: number, connectionId?: string): Promise<TerminalInfo> {
    if (this.disposed) throw new KeelError('INTERNAL', 'The workspace is closing');
    const nodePty = await import('node-pty');
    const shell = this.options.shell ?? (await userShell());
    const id = `term-${this.nextId++}`;
    let pty;
    try {
      pty = nodePty.spawn(shell, this.options.args ?? [], {
        name: 'xterm-256color',
        cols,
        rows,
        cwd: this.options.cwd,
        env: terminalEnv(this.options.env ?? process.env),
      });
    } catch (err) {
      throw new KeelError('IO', `Could not start ${shell}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const session = new PtySession(
      id,
      path.basename(shell),
      pty,
      {
        onData: (data) => this.options.onData(id, data),
        onExit: (exitCode, signal) => {
          this.options.onExit(id, exitCode, signal);
          if (this.terminals.get(id)?.closed) this.terminals.delete(id);
        },
      },
      this.flow,
    );
    this.terminals.set(id, { session, reader: connectionId, closed: false });
    return session.info();
  }

  list(): TerminalInfo[] {
    return [...this.terminals.values()].filter((e) => !e.closed).map((e) => e.session.info());
  }

  /** For a reloaded renderer: what was shown so far; live output follows as events. */
  attach(id: string, connectionId?: string): { info: TerminalInfo; scrollback: string } {
    const entry = this.get(id);
    entry.reader = connectionId;
    entry.session.attached();
    return { info: entry.session.info(), scrollback: entry.session.scrollback.snapshot() };
  }

  write(id: string, data: string): void {
    this.get(id).session.write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.get(id).session.resize(cols, rows);
  }

  ack(id: string, chars: number): void {
    this.get(id).session.ack(chars);
  }

  /** Whether output is held back because the renderer has not acknowledged enough (for tests and diagnostics). */
  isPaused(id: string): boolean {
    return this.get(id).session.isPaused;
  }

  /** Closes the terminal: kills a running process; an exited one simply leaves the list. */
  kill(id: string): void {
    const entry = this.get(id);
    entry.closed = true;
    if (!entry.session.isRunning) {
      this.terminals.delete(id);
      return;
    }
    entry.session.kill();
    // A shell that traps SIGHUP must not survive the closed tab.
    setTimeout(() => entry.session.kill('SIGKILL'), 2_000).unref();
  }

  /** A renderer connection is gone: terminals it was reading stop waiting for its acknowledgements (see detach). */
  connectionClosed(connectionId: string): void {
    for (const entry of this.terminals.values()) {
      if (entry.reader === connectionId) {
        entry.reader = undefined;
        entry.session.detach();
      }
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const sessions = [...this.terminals.values()].map((e) => e.session);
    this.terminals.clear();
    await Promise.all(sessions.map((s) => s.dispose()));
  }

  private get(id: string): Entry {
    const entry = this.terminals.get(id);
    if (!entry || entry.closed) throw new KeelError('NOT_FOUND', `No terminal ${JSON.stringify(id)}`);
    return entry;
  }
}

/** $SHELL when it can be run (it may name a shell that was uninstalled), else bash, else sh. */
async function userShell(): Promise<string> {
  for (const candidate of [process.env.SHELL, '/bin/bash', '/bin/sh']) {
    if (!candidate || !path.isAbsolute(candidate)) continue;
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return '/bin/sh';
}
