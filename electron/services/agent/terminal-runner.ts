import { stripVTControlCharacters } from 'node:util';
import type { CommandResult, CommandRunner } from '../../../agent';

/** A terminal running one command, as the Terminal panel would show it. */
export interface CommandTerminal {
  readonly id: string;
  onData(listener: (data: string) => void): { dispose(): void };
  /** Settles once, after the last output. */
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  /** Ends the command and everything it started. */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * What executeBash needs from the workbench's terminals: start `command` (via `bash -c`) in a new visible terminal
 * titled `title`. Not provided by TerminalService yet (see the agent host's report): until then commands run in a
 * plain child process group and stream into the chat's tool card.
 */
export interface CommandTerminals {
  runCommand(options: { command: string; cwd: string; title: string }): Promise<CommandTerminal>;
}

const KILL_GRACE_MS = 500;
const MAX_KEPT = 1_000_000;

/**
 * executeBash in a visible terminal: the user watches (and can type into) the command while the model gets its
 * output without colour codes, the exit code, and a note when a timeout or Stop ended it.
 */
export class TerminalCommandRunner implements CommandRunner {
  constructor(
    private readonly terminals: CommandTerminals,
    private readonly resolveCwd: (relative: string) => string,
  ) {}

  async run(command: string, options: { cwd: string; timeoutMs: number; signal?: AbortSignal; onOutput?: (chunk: string) => void }): Promise<CommandResult> {
    const cwd = this.resolveCwd(options.cwd);
    if (options.signal?.aborted) return { exitCode: null, signal: 'SIGTERM', output: '', timedOut: false };
    const terminal = await this.terminals.runCommand({ command, cwd, title: `agent: ${command.length > 40 ? `${command.slice(0, 40)}…` : command}` });
    let output = '';
    const sub = terminal.onData((data) => {
      const plain = stripVTControlCharacters(data).replace(/\r\n?/g, '\n');
      output = (output + plain).slice(-MAX_KEPT);
      options.onOutput?.(plain);
    });
    let timedOut = false;
    let stoppedBy: NodeJS.Signals | undefined;
    const end = (): void => {
      stoppedBy = 'SIGTERM';
      terminal.kill('SIGTERM');
      setTimeout(() => {
        stoppedBy = 'SIGKILL';
        terminal.kill('SIGKILL');
      }, KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      end();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', end, { once: true });
    try {
      const { exitCode, signal } = await terminal.exited;
      const killed = stoppedBy !== undefined || signal !== undefined;
      return { exitCode: killed ? null : exitCode, signal: killed ? (stoppedBy ?? `signal ${signal}`) : null, output, timedOut };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', end);
      sub.dispose();
    }
  }
}
