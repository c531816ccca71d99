import { z } from 'zod';
import { defineTool, ok, ToolError } from './tool';

const MAX_OUTPUT = 30_000;

export const executeBashTool = defineTool({
  name: 'executeBash',
  description:
    'Run a shell command in the workspace (or a sub-folder given by path). Commands run in a sandbox: they can write only inside the workspace (not .git), cannot use the network and cannot read secrets. Set leaveSandbox only when the command needs the network or to write elsewhere; the user is then asked every time.',
  input: z.object({
    command: z.string().min(1),
    path: z.string().default('.'),
    timeoutSeconds: z.number().int().min(1).max(3600).default(300),
    leaveSandbox: z.boolean().default(false),
  }),
  async run({ command, path, timeoutSeconds, leaveSandbox }, ctx) {
    if (!ctx.commands || !ctx.approval) throw new ToolError('Running commands is not available in this session.');
    ctx.workspace.resolve(path);
    const decision = await ctx.approval.approveCommand({ command, cwd: path, ...(leaveSandbox ? { leaveSandbox } : {}) }, ctx.signal);
    if (decision.kind === 'reject') {
      throw new ToolError(`The user rejected the command${decision.reason ? `: ${decision.reason}` : '.'} Do not retry it unchanged.`);
    }
    const actual = decision.kind === 'modify' ? decision.command : command;
    const sandbox = decision.kind === 'run' || decision.kind === 'modify' ? decision.sandbox : undefined;
    const result = await ctx.commands.run(actual, { cwd: path, timeoutMs: timeoutSeconds * 1000, signal: ctx.signal, onOutput: ctx.onOutput, ...(sandbox ? { sandbox } : {}) });
    const header = [
      decision.kind === 'modify' ? `The user changed the command to: ${actual}` : undefined,
      result.timedOut ? `Timed out after ${timeoutSeconds}s and was killed.` : undefined,
      ctx.signal.aborted ? 'Stopped by the user.' : undefined,
      result.exitCode !== null ? `Exit code: ${result.exitCode}` : `Killed by ${result.signal ?? 'a signal'}`,
    ].filter(Boolean);
    const out = result.output.length > MAX_OUTPUT ? `… (first ${result.output.length - MAX_OUTPUT} characters cut)\n${result.output.slice(-MAX_OUTPUT)}` : result.output;
    const content = `${header.join('\n')}\n${out}`;
    return result.exitCode === 0 ? ok(content) : { content, status: 'error' };
  },
});
