import { spawn } from 'node:child_process';
import { superviseCommand } from '../../base/command-deadline';
import type { HookSandbox } from '../sandbox/launcher';

export interface CommandRequest {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called when the process has been spawned (the moment the run counts as started). */
  onStart?: () => void;
  onOutput?: (chunk: string) => void;
  /**
   * The hook's file (its id, e.g. `.kiro/hooks/lint.kiro.hook`): decides whether it runs in a visible terminal
   * (HookCommandRunner) and gives each hook its own place in the Terminal panel. Without it: the background.
   */
  hookId?: string;
  /** The terminal tab's title ("hook: <name>"); KEEL_HOOK_NAME from the environment when absent. */
  hookName?: string;
  /** Written to the command's stdin, which is then closed (Kiro 1.0 hooks read their JSON payload there). */
  stdin?: string;
}

export interface CommandResult {
  exitCode: number | null;
  /** The signal that ended the process, if any. */
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** stdout and stderr interleaved as they arrived; the tail when longer than the limit. */
  output: string;
  truncated: boolean;
  /** stderr alone (its tail), where the runner can tell it apart: a v1 hook's exit-2 reason. */
  stderr?: string;
  /** Set when the command could not be started at all. */
  error?: string;
}

export interface CommandRunner {
  run(request: CommandRequest): Promise<CommandResult>;
}

/**
 * Runs each hook command where the user chose (issue #8: "visible terminal or background"): in a terminal tab
 * for the hooks listed in the Keel setting (HookTerminalChoices), else in the background as Kiro does. Output
 * reaches the run log either way. `terminal` is absent where there is no Terminal panel (the CLI).
 */
export class HookCommandRunner implements CommandRunner {
  constructor(
    private readonly background: CommandRunner,
    private readonly terminal: CommandRunner | undefined,
    private readonly inTerminal: (hookId: string) => Promise<boolean>,
  ) {}

  async run(request: CommandRequest): Promise<CommandResult> {
    const visible = this.terminal && request.hookId !== undefined && (await this.inTerminal(request.hookId).catch(() => false));
    return (visible ? this.terminal! : this.background).run(request);
  }
}

const MAX_OUTPUT = 256 * 1024;
const MAX_STDERR = 16 * 1024;
/** After SIGTERM, a process group that ignores it gets SIGKILL this much later. */
const KILL_GRACE_MS = 2000;

/**
 * Runs a hook's command through the user's shell (`shell: true`) in its own process group, so a timeout or a
 * cancel stops everything it started (`npm test` → node → workers), not just the shell.
 */
export class ChildProcessRunner implements CommandRunner {
  /** `sandbox`: the OS sandbox the command runs in (hookSandbox); without one, the user's shell as before. */
  constructor(private readonly sandbox?: HookSandbox) {}

  async run(request: CommandRequest): Promise<CommandResult> {
    let launch;
    try {
      launch = await this.sandbox?.launch(request);
    } catch (err) {
      return { exitCode: null, signal: null, timedOut: false, cancelled: false, output: '', truncated: false, error: `Could not start the command in the sandbox: ${err instanceof Error ? err.message : String(err)}` };
    }
    return new Promise((resolve) => {
      let output = '';
      let stderr = '';
      let truncated = false;
      let settled = false;
      const stdio: ['ignore' | 'pipe', 'pipe', 'pipe'] = [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
      const options = { cwd: request.cwd, env: launch?.env ?? request.env, detached: process.platform !== 'win32', stdio, windowsHide: true };
      const child = launch?.sandboxed ? spawn(launch.file, launch.args, options) : spawn(request.command, { ...options, shell: true });
      // A command that never reads its payload closes the pipe early: EPIPE is not the command failing.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(request.stdin);
      const append = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        request.onOutput?.(text);
        output += text;
        if (output.length > MAX_OUTPUT) {
          output = output.slice(output.length - MAX_OUTPUT);
          truncated = true;
        }
      };
      child.stdout?.on('data', append);
      child.stderr?.on('data', append);
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-MAX_STDERR);
      });

      const deadline = superviseCommand((signal) => killGroup(child.pid, signal), { timeoutMs: request.timeoutMs, graceMs: KILL_GRACE_MS, signal: request.signal });

      const finish = (result: Omit<CommandResult, 'output' | 'truncated' | 'timedOut' | 'cancelled'>) => {
        if (settled) return;
        settled = true;
        deadline.dispose();
        resolve({ ...result, output, truncated, stderr, timedOut: deadline.timedOut, cancelled: deadline.cancelled });
      };
      child.once('spawn', () => request.onStart?.());
      child.once('error', (err) => finish({ exitCode: null, signal: null, error: `Could not start the command: ${err.message}` }));
      // 'close' (not 'exit') waits for the pipes to drain, so the end of the output is never lost.
      child.once('close', (code, signal) => finish({ exitCode: code, signal }));
    });
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}
