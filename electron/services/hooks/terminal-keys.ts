import { defineFolderService } from '../app/folder-service';
import { hookSandbox } from '../sandbox/launcher';
import { ChildProcessRunner, HookCommandRunner } from './command-runner';
import { HookTerminalChoices } from './terminal-choice';
import { TerminalHookRunner } from './terminal-hook-runner';

/** The open folder's choice of hooks that run in a visible terminal (a Keel setting; see HookTerminalChoices). */
export const hookTerminalChoicesKey = defineFolderService('hook-terminal-choices', (ctx) =>
  HookTerminalChoices.forUserData(ctx.userDataDir, ctx.workspace.root),
);

/**
 * The runner for the folder's runCommand hooks: the background (Kiro's way) unless the user chose a visible
 * terminal for that hook (never in a headless workbench). For the hooks engine's `runner` option.
 */
export const hookCommandRunnerKey = defineFolderService('hook-command-runner', (ctx) => {
  const choices = ctx.scoped(hookTerminalChoicesKey);
  // A headless workbench (the CLI) has nobody to show a terminal to: always the background there.
  // Hook commands run in the OS sandbox (confined to the folder, no network, secrets hidden).
  const sandbox = hookSandbox(ctx.workspace.root, ctx.userDataDir);
  return new HookCommandRunner(new ChildProcessRunner(sandbox), new TerminalHookRunner(ctx.terminals, sandbox), (hookId) => (ctx.headless ? Promise.resolve(false) : choices.inTerminal(hookId)));
});
