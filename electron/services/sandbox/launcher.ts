import type { CommandLauncher } from '../../../agent/node';
import type { CommandSandbox } from './command-sandbox';

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
