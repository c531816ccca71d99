import { homedir } from 'node:os';
import { bwrapArgv } from './bwrap-argv';
import { detectSandbox, type SandboxSupport } from './detect';
import { scrubEnv } from './env-scrub';
import { resolvePolicy } from './policy-paths';
import { seatbeltProfile } from './seatbelt-profile';

/** How a command runs: confined, confined but with the network (asked), or outside the sandbox (asked). */
export type SandboxMode = 'confined' | 'network' | 'none';

export interface LaunchRequest {
  command: string;
  /** Where the command starts: the workspace or a folder inside it. */
  cwd: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  /** `/bin/bash` for agent commands, `/bin/sh` for hooks (what `shell: true` would use). */
  shell: string;
  mode: SandboxMode;
}

/** What to spawn: the program, its arguments and its environment. */
export interface Launch {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** True when the command runs inside an OS sandbox. */
  sandboxed: boolean;
}

/**
 * Turns "run this command line" into what to spawn. With a sandbox (bubblewrap on Linux, sandbox-exec on macOS)
 * the command is confined unless `mode` is 'none'; without one it runs as it always did — the command gate has
 * already restricted what may run unasked there. The environment is scrubbed in every case.
 */
export class CommandSandbox {
  constructor(
    readonly support: SandboxSupport,
    private readonly options: { home?: string; userDataDir?: string } = {},
  ) {}

  get available(): boolean {
    return this.support.kind !== 'none';
  }

  async launch(request: LaunchRequest): Promise<Launch> {
    const env = scrubEnv(request.env);
    const plain = { file: request.shell, args: ['-c', request.command], env, sandboxed: false };
    if (request.mode === 'none' || this.support.kind === 'none') return plain;
    const policy = await resolvePolicy({
      workspace: request.workspace,
      home: this.options.home ?? homedir(),
      ...(this.options.userDataDir ? { userDataDir: this.options.userDataDir } : {}),
      network: request.mode === 'network',
    });
    if (this.support.kind === 'sandbox-exec') {
      return { file: this.support.path, args: ['-p', seatbeltProfile(policy), request.shell, '-c', request.command], env, sandboxed: true };
    }
    return { file: this.support.path, args: bwrapArgv(policy, { shell: request.shell, command: request.command, cwd: request.cwd }), env, sandboxed: true };
  }
}

let shared: Promise<CommandSandbox> | undefined;

/** The process's sandbox (detected once), hiding the default user data folder too. */
export function defaultCommandSandbox(userDataDir?: string): Promise<CommandSandbox> {
  if (userDataDir) return detectSandbox().then((support) => new CommandSandbox(support, { userDataDir }));
  shared ??= detectSandbox().then((support) => new CommandSandbox(support));
  return shared;
}
