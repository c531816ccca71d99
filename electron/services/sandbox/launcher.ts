import type { CommandLauncher } from '../../../agent/node';
import { defaultCommandSandbox, type CommandSandbox, type Launch } from './command-sandbox';

/**
 * The agent's headless runner (NodeCommandRunner) and visible terminal runner spawn what this returns: `bash -c`
 * inside the sandbox for `workspace` (or outside it, when the gate's answer says so), with a scrubbed environment.
 */
export function sandboxLauncher(workspace: string, sandbox: () => Promise<CommandSandbox>, env: () => NodeJS.ProcessEnv = () => process.env): CommandLauncher {
  return async ({ command, cwd, sandbox: mode }) => {
    const launch = await (await sandbox()).launch({ command, cwd, workspace, env: env(), shell: 'bash', mode });
    return { file: launch.file, args: launch.args, env: launch.env };
  };
}

/** What a hook command runner asks the sandbox: the launch for one hook command in `workspace` (confined). */
export interface HookSandbox {
  launch(request: { command: string; cwd: string; env: NodeJS.ProcessEnv }): Promise<Launch>;
}

/**
 * Hook commands (`runCommand` hooks, check commands) run confined like the agent's: a hook file is the
 * repository's code. `/bin/sh -c`, as Node's `shell: true` would run it. Kiro's hook format has no field for
 * "needs the network", so a hook that needs it fails inside the sandbox for now.
 */
export function hookSandbox(workspace: string, userDataDir?: string): HookSandbox {
  return {
    launch: async (request) => (await defaultCommandSandbox(userDataDir)).launch({ ...request, workspace, shell: '/bin/sh', mode: 'confined' }),
  };
}
