import { spawn } from 'node:child_process';
import type { CommandResult, CommandRunner, CommandSandboxMode } from '../core/ports';

/** What to spawn for a command line (the host's OS sandbox wraps it; see electron/services/sandbox). */
export type CommandLauncher = (request: { command: string; cwd: string; sandbox: CommandSandboxMode }) => Promise<{ file: string; args: string[]; env: NodeJS.ProcessEnv }>;

const KILL_GRACE_MS = 500;
const MAX_KEPT = 1_000_000;

/**
 * Runs a command with `bash -c` in its own process group, so Stop, a timeout or the command's exit can end every
 * process it started (a background child holding stdout open would otherwise keep the tool waiting forever).
 * The visible-terminal runner (node-pty) comes with the chat pane; this one serves tests and headless use.
 */
export class NodeCommandRunner implements CommandRunner {
  constructor(
    /** The folder's real path (NodeWorkspace.resolveDirectory): a lexical check alone lets a symlinked folder take
     * the command outside the workspace. */
    private readonly resolveCwd: (relative: string) => string | Promise<string>,
    /** Without one, plain `bash -c` (tests of the agent alone). */
    private readonly launcher?: CommandLauncher,
  ) {}

  async run(
    command: string,
    options: { cwd: string; timeoutMs: number; signal?: AbortSignal; onOutput?: (chunk: string) => void; sandbox?: CommandSandboxMode },
  ): Promise<CommandResult> {
    const cwd = await this.resolveCwd(options.cwd);
    const launch = this.launcher ? await this.launcher({ command, cwd, sandbox: options.sandbox ?? 'confined' }) : { file: 'bash', args: ['-c', command], env: process.env };
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return resolve({ exitCode: null, signal: 'SIGTERM', output: '', timedOut: false });
      const child = spawn(launch.file, launch.args, { cwd, env: launch.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let timedOut = false;
      let exit: { code: number | null; signal: string | null } | undefined;
      const append = (b: Buffer): void => {
        const s = b.toString('utf8');
        output = (output + s).slice(-MAX_KEPT);
        options.onOutput?.(s);
      };
      child.stdout.on('data', append);
      child.stderr.on('data', append);

      const killGroup = (sig: NodeJS.Signals): void => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, sig);
        } catch {
          // already gone
        }
      };
      const terminate = (): void => {
        killGroup('SIGTERM');
        setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        terminate();
      }, options.timeoutMs);
      const onAbort = (): void => terminate();
      options.signal?.addEventListener('abort', onAbort, { once: true });

      child.on('error', (e) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        reject(e);
      });
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        // The shell is done: end whatever it left behind so its pipes close and 'close' fires.
        killGroup('SIGKILL');
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        const final = exit ?? { code, signal };
        resolve({ exitCode: final.code, signal: final.signal, output, timedOut });
      });
    });
  }
}
