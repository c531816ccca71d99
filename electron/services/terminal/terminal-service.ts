import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { KeelError, type TerminalInfo } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import type { CommandTerminal } from '../agent/terminal-runner';
import { commandTerminal, type CommandTerminalEntry } from './command-terminal';
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
  /** Set for a terminal started by runCommand: its own listeners and its exit. */
  command?: CommandTerminalEntry;
  /** RunCommandOptions.group */
  group?: string;
  /** Spawn this program instead of `bash -c command` (the OS sandbox's bwrap around it); `command` is still shown. */
  launch?: { file: string; args: string[] };
}

export interface RunCommandOptions {
  /** Run with `bash -c` (sh when there is no bash). */
  command: string;
  /** An absolute folder. */
  cwd: string;
  /** The tab's title, e.g. "agent: npm test". */
  title: string;
  /** The command's environment (default: the terminals'); variables only meant for launching Keel are removed. */
  env?: NodeJS.ProcessEnv;
  /**
   * Terminals of one group (one chat session, one hook) reuse their place, like VS Code's task terminals: starting
   * a command closes the group's earlier terminals that have finished, so repeated runs do not pile up tabs. A
   * running one is never closed for this.
   */
  group?: string;
  /** Spawn this program instead of `bash -c command` (the OS sandbox's bwrap around it); `command` is still shown. */
  launch?: { file: string; args: string[] };
}

/**
 * The terminals of one workspace. node-pty is loaded on the first terminal so the host starts without it.
 * dispose() kills every pty (workspace closed, app quitting).
 */
export class TerminalService implements Disposable {
  private readonly terminals = new Map<string, Entry>();
  private nextId = 1;
  private disposed = false;
  private readonly openedListeners = new Set<(info: TerminalInfo) => void>();
  private readonly closedListeners = new Set<(id: string) => void>();
  /** The size the renderer last gave a terminal: a command's terminal starts at it (the panel's size). */
  private lastSize = { cols: 80, rows: 24 };
  private readonly flow: FlowControlOptions;

  constructor(private readonly options: TerminalServiceOptions) {
    this.flow = { ...defaultFlowControl, ...options.flow };
  }

  async create(cols: number, rows: number, connectionId?: string): Promise<TerminalInfo> {
    if (this.disposed) throw new KeelError('INTERNAL', 'The workspace is closing');
    this.lastSize = { cols, rows };
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

  /**
   * Starts `command` in a new terminal the user sees (the renderer opens a tab on `onDidOpen`'s event) and can
   * type into. The terminal stays listed after the command exits, showing its exit status, until the user closes it.
   */
  async runCommand({ command, cwd, title, env, group, launch }: RunCommandOptions): Promise<CommandTerminal> {
    if (this.disposed) throw new KeelError('INTERNAL', 'The workspace is closing');
    const folder = await stat(cwd).catch(() => undefined);
    if (!folder?.isDirectory()) throw new KeelError('NOT_FOUND', `Cannot run a command in ${cwd}: no such folder`);
    const nodePty = await import('node-pty');
    const shell = (await firstRunnable(['/bin/bash', '/usr/bin/bash'])) ?? '/bin/sh';
    const id = `term-${this.nextId++}`;
    let pty;
    try {
      pty = nodePty.spawn(launch?.file ?? shell, launch?.args ?? ['-c', command], {
        name: 'xterm-256color',
        ...this.lastSize,
        cwd,
        env: terminalEnv(env ?? this.options.env ?? process.env),
      });
    } catch (err) {
      throw new KeelError('IO', `Could not start ${shell}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const started = commandTerminal(id, () => session);
    const session: PtySession = new PtySession(
      id,
      title,
      pty,
      {
        onData: (data) => {
          this.options.onData(id, data);
          started.events.onData(data);
        },
        onExit: (exitCode, signal) => {
          this.options.onExit(id, exitCode, signal);
          if (this.terminals.get(id)?.closed) this.terminals.delete(id);
          started.events.onExit(exitCode, signal);
        },
      },
      this.flow,
      { unread: true },
    );
    if (group !== undefined) this.closeFinished(group);
    const entry: Entry = { session, reader: undefined, closed: false, command: started, ...(group !== undefined ? { group } : {}) };
    this.terminals.set(id, entry);
    const info = entry.session.info();
    for (const listener of this.openedListeners) listener(info);
    // The command itself heads the terminal (dimmed, like VS Code's "Executing task"), so a quiet command is not
    // an empty mystery tab. Only the renderer gets it: the caller's handle sees the program's output alone.
    const heading = `\x1b[2m$ ${command.replace(/\r?\n/g, '\r\n  ')}\x1b[0m\r\n`;
    session.prelude(heading);
    this.options.onData(id, heading);
    return started.handle;
  }

  /** A terminal was started for a command (not by the renderer): the renderer should show it. */
  onDidOpen(listener: (info: TerminalInfo) => void): Disposable {
    this.openedListeners.add(listener);
    return { dispose: () => void this.openedListeners.delete(listener) };
  }

  /** A terminal left the list (closed by a user in some window, or replaced by its group's next command). */
  onDidClose(listener: (id: string) => void): Disposable {
    this.closedListeners.add(listener);
    return { dispose: () => void this.closedListeners.delete(listener) };
  }

  private closeFinished(group: string): void {
    for (const [id, entry] of this.terminals) {
      if (entry.group !== group || entry.closed || entry.session.isRunning) continue;
      this.terminals.delete(id);
      this.closed(id);
    }
  }

  private closed(id: string): void {
    for (const listener of this.closedListeners) listener(id);
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

  /** What a terminal printed that is still kept, read without attaching (the agent's `#terminal` context). */
  scrollback(id: string): string {
    return this.get(id).session.scrollback.snapshot();
  }

  write(id: string, data: string): void {
    this.get(id).session.write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.get(id).session.resize(cols, rows);
    this.lastSize = { cols, rows };
  }

  /** `connectionId`: the renderer acknowledging; it becomes the reader of a command's terminal nobody read yet. */
  ack(id: string, chars: number, connectionId?: string): void {
    const entry = this.get(id);
    if (entry.reader === undefined && connectionId !== undefined && entry.command) {
      entry.reader = connectionId;
      entry.session.claim();
    }
    entry.session.ack(chars);
  }

  /** Whether output is held back because the renderer has not acknowledged enough (for tests and diagnostics). */
  isPaused(id: string): boolean {
    return this.get(id).session.isPaused;
  }

  /** Closes the terminal: kills a running process; an exited one simply leaves the list. */
  kill(id: string): void {
    const entry = this.get(id);
    entry.closed = true;
    this.closed(id);
    if (!entry.session.isRunning) {
      this.terminals.delete(id);
      return;
    }
    // A command's terminal ends what the command started too (the shell of an interactive one does that itself).
    const kill = (signal: NodeJS.Signals) => (entry.command ? entry.session.killGroup(signal) : entry.session.kill(signal));
    kill('SIGHUP');
    // A shell that traps SIGHUP must not survive the closed tab.
    setTimeout(() => kill('SIGKILL'), 2_000).unref();
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
  return (await firstRunnable([process.env.SHELL, '/bin/bash', '/bin/sh'])) ?? '/bin/sh';
}

async function firstRunnable(candidates: (string | undefined)[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    if (!candidate || !path.isAbsolute(candidate)) continue;
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}
