import type { CommandTerminals } from '../agent/terminal-runner';
import { superviseCommand } from '../../base/command-deadline';
import { plainText, signalName } from '../terminal/plain-text';
import type { HookSandbox } from '../sandbox/launcher';
import type { CommandRequest, CommandResult, CommandRunner } from './command-runner';

const MAX_OUTPUT = 256 * 1024;
/** After SIGTERM, a process group that ignores it gets SIGKILL this much later (as in the background runner). */
const KILL_GRACE_MS = 2000;

/**
 * A hook's command in a visible terminal tab ("hook: <name>"): the user watches it and can answer it; the run log
 * still gets the whole output (plain text) and the exit code. Each hook reuses its place in the panel: the next
 * run closes the hook's finished terminal.
 */
export class TerminalHookRunner implements CommandRunner {
  constructor(
    private readonly terminals: CommandTerminals,
    /** The OS sandbox the command runs in (hookSandbox); the tab still shows the hook's command. */
    private readonly sandbox?: HookSandbox,
  ) {}

  async run(request: CommandRequest): Promise<CommandResult> {
    let output = '';
    let truncated = false;
    const result = (r: Pick<CommandResult, 'exitCode' | 'signal'> & Partial<CommandResult>): CommandResult => ({ timedOut: false, cancelled: false, output, truncated, ...r });
    if (request.signal?.aborted) return result({ exitCode: null, signal: null, cancelled: true });
    const name = request.hookName ?? request.env.KEEL_HOOK_NAME ?? 'command';
    let terminal;
    try {
      // The payload is piped in by the shell line itself, so the sandbox wraps that line, not the bare command.
      const piped = withStdin(request);
      const launch = await this.sandbox?.launch({ ...request, ...piped });
      terminal = await this.terminals.runCommand({
        command: piped.command,
        cwd: request.cwd,
        title: `hook: ${name}`,
        env: launch?.env ?? piped.env,
        ...(launch?.sandboxed ? { launch: { file: launch.file, args: launch.args } } : {}),
        ...(request.hookId !== undefined ? { group: `hook:${request.hookId}` } : {}),
      });
    } catch (err) {
      return result({ exitCode: null, signal: null, error: `Could not start the command: ${err instanceof Error ? err.message : String(err)}` });
    }
    request.onStart?.();
    const sub = terminal.onData((data) => {
      const text = plainText(data);
      request.onOutput?.(text);
      output += text;
      if (output.length > MAX_OUTPUT) {
        output = output.slice(output.length - MAX_OUTPUT);
        truncated = true;
      }
    });
    const deadline = superviseCommand((signal) => terminal.kill(signal), { timeoutMs: request.timeoutMs, graceMs: KILL_GRACE_MS, signal: request.signal });
    try {
      const exit = await terminal.exited;
      return result({ exitCode: exit.signal === undefined ? exit.exitCode : null, signal: exit.signal === undefined ? null : signalName(exit.signal), timedOut: deadline.timedOut, cancelled: deadline.cancelled });
    } finally {
      deadline.dispose();
      sub.dispose();
    }
  }
}

/** Largest payload passed through the environment (Linux caps one environment string at 128 KiB). */
const MAX_STDIN_ENV = 100_000;

/**
 * A pty's stdin is the user's keyboard, so a v1 hook's JSON payload is piped in by the shell instead, from the
 * environment; the command's exit status is still its own (the last element of the pipeline).
 */
function withStdin(request: CommandRequest): { command: string; env: NodeJS.ProcessEnv } {
  if (request.stdin === undefined || request.stdin.length > MAX_STDIN_ENV) return { command: request.command, env: request.env };
  return { command: `printf '%s' "$KIRO_HOOK_INPUT" | {\n${request.command}\n}`, env: { ...request.env, KIRO_HOOK_INPUT: request.stdin } };
}
