import { loadAgentSettings } from '../agent/settings-store';
import { agentHostKey } from '../agent/agent-host';
import { defineFolderService } from '../app/folder-service';
import { changeReviewKey } from '../changes/change-review';
import { hooksServiceKey } from '../hooks/hooks-service';
import { commandApprovalKey } from '../trust/command-approval';
import { ChildProcessRunner } from '../hooks/command-runner';
import { hookSandbox } from '../sandbox/launcher';
import { ProcessCheckRunner } from './check-runner';
import { AgentHostExecutor, reviewPort } from './host-adapters';
import type { RunMode } from './journal-records';
import { TaskRunner } from './task-runner';

/**
 * The open folder's task runner (issue #7): the agent host runs the executor, the change review shows its
 * changeset, the trust service approves the check command. Created when the folder opens (see the tasks handlers),
 * so a run a crash left open is put back to `[ ]` before the user looks at tasks.md.
 */
export const taskRunnerKey = defineFolderService('taskRunner', (ctx) => {
  const runner = new TaskRunner({
    ws: ctx.workspace.fs,
    userDataDir: ctx.userDataDir,
    ports: () => ({
      executor: new AgentHostExecutor(() => ctx.scoped(agentHostKey)),
      review: reviewPort(() => ctx.scoped(changeReviewKey)),
      approval: ctx.scoped(commandApprovalKey),
      // Check commands run in the OS sandbox like the agent's (the command gate lets confined ones run unasked).
      checks: new ProcessCheckRunner(ctx.workspace.root, new ChildProcessRunner(hookSandbox(ctx.workspace.root, ctx.userDataDir))),
      // preTaskExecution / postTaskExecution hooks (the engine itself skips them in an untrusted folder).
      hooks: {
        taskExecution: async (phase, task) => {
          const engine = await ctx.scoped(hooksServiceKey).engine;
          return phase === 'pre' ? engine.preTaskGate(task) : engine.taskExecution(phase, task);
        },
      },
    }),
    onStatus: (status) => ctx.emit('tasks/status', status),
    onLog: (entry) => ctx.emit('tasks/log', entry),
    onEnded: (run) => ctx.emit('tasks/ended', run),
    onCheckOutput: ({ runId, specDir, taskId, chunk }) => ctx.emit('tasks/checkOutput', { runId, specDir, taskId, chunk }),
  });
  return runner;
});

/** Supervised or Autopilot as the user set it for the agent (Settings), unless a request names one. */
export async function defaultMode(userDataDir: string): Promise<RunMode> {
  return (await loadAgentSettings(userDataDir)).settings.mode;
}
