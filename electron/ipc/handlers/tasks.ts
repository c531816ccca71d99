import type { tasksRequests } from '../../../protocol';
import { defaultMode, taskRunnerKey } from '../../services/tasks/task-runner-key';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/tasks.ts; the open folder's task runner does the work. */
export function tasksHandlers({ workbench, userDataDir }: HandlerDeps): FeatureHandlers<typeof tasksRequests> {
  // Eager: crash recovery (a `[-]` left by a dead run goes back to `[ ]`) must not wait for the first task request.
  workbench.whenOpen((ctx) => void ctx.scoped(taskRunnerKey));
  const runner = () => workbench.scoped(taskRunnerKey);
  return {
    'tasks/start': async ({ specDir, taskId, mode }) => runner().start(specDir, taskId, mode ?? (await defaultMode(userDataDir))),
    'tasks/runAll': async ({ specDir, mode }) => runner().runAll(specDir, mode ?? (await defaultMode(userDataDir))),
    'tasks/pause': async () => (runner().pause(), {}),
    'tasks/resume': async () => (runner().resume(), {}),
    'tasks/stop': async () => (runner().stop(), {}),
    'tasks/dismissInterrupted': async () => (await runner().dismissInterrupted(), {}),
    'tasks/status': async () => {
      const r = runner();
      await r.ready;
      return r.status();
    },
    'tasks/history': async ({ specDir, taskId }) => ({ runs: await runner().history(specDir, taskId) }),
    'tasks/filesChanged': async ({ specDir, taskId }) => ({ files: await runner().filesChanged(specDir, taskId) }),
  };
}
