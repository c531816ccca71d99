import { randomUUID } from 'node:crypto';
import type { CommandResult, CommandRunner, CommandSandboxMode } from '../../../agent';
import type { CommandLauncher } from '../../../agent/node';
import { superviseCommand } from '../../base/command-deadline';
import { plainText, signalName } from '../terminal/plain-text';

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
 * titled `title`. TerminalService.runCommand provides it; hosts without terminals (the CLI) run commands in a
 * plain child process group instead (NodeCommandRunner), with the output only in the chat's tool card.
 */
export interface CommandTerminals {
  /** `group`: a new command closes the group's finished terminals (see TerminalService.runCommand). */
  runCommand(options: { command: string; cwd: string; title: string; env?: NodeJS.ProcessEnv; group?: string; launch?: { file: string; args: string[] } }): Promise<CommandTerminal>;
}

/** Stop must end the command within 200 ms: SIGTERM first (a chance to clean up), SIGKILL if it is still there. */
const KILL_GRACE_MS = 100;
const MAX_KEPT = 1_000_000;

/**
 * executeBash in a visible terminal: the user watches (and can type into) the command while the model gets its
 * output without colour codes, the exit code, and a note when a timeout or Stop ended it.
 */
export class TerminalCommandRunner implements CommandRunner {
  /** One runner per chat session: its commands share one place in the panel (the last finished one stays). */
  private readonly group = `agent-${randomUUID()}`;

  constructor(
    private readonly terminals: CommandTerminals,
    /** The folder's real path, checked inside the workspace (NodeWorkspace.resolveDirectory). */
    private readonly resolveCwd: (relative: string) => string | Promise<string>,
    /** The OS sandbox's wrapping of `bash -c` (the tab still shows the command itself); without one, plain bash. */
    private readonly launcher?: CommandLauncher,
  ) {}

  async run(command: string, options: { cwd: string; timeoutMs: number; signal?: AbortSignal; onOutput?: (chunk: string) => void; sandbox?: CommandSandboxMode }): Promise<CommandResult> {
    const cwd = await this.resolveCwd(options.cwd);
    if (options.signal?.aborted) return { exitCode: null, signal: 'SIGTERM', output: '', timedOut: false };
    const launch = this.launcher ? await this.launcher({ command, cwd, sandbox: options.sandbox ?? 'confined' }) : undefined;
    const terminal = await this.terminals.runCommand({ command, cwd, title: terminalTitle(command), group: this.group, ...(launch ? { env: launch.env, launch: { file: launch.file, args: launch.args } } : {}) });
    // Kept raw and cleaned once at the end: a colour code split between two chunks is still removed whole.
    let raw = '';
    const sub = terminal.onData((data) => {
      raw = (raw + data).slice(-MAX_KEPT);
      options.onOutput?.(plainText(data));
    });
    const deadline = superviseCommand((signal) => terminal.kill(signal), { timeoutMs: options.timeoutMs, graceMs: KILL_GRACE_MS, signal: options.signal });
    try {
      const { exitCode, signal } = await terminal.exited;
      const killed = deadline.sent !== undefined || signal !== undefined;
      const output = plainText(raw);
      return { exitCode: killed ? null : exitCode, signal: killed ? (signal !== undefined ? signalName(signal) : (deadline.sent ?? null)) : null, output, timedOut: deadline.timedOut };
    } finally {
      deadline.dispose();
      sub.dispose();
    }
  }
}

/** The tab's title: "agent: " and the command's first line, shortened to fit a tab. */
export function terminalTitle(command: string): string {
  const line = command.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  const more = line.length > 40 || command.trim().includes('\n');
  return `agent: ${line.slice(0, 40)}${more ? '…' : ''}`;
}
