import { lazy } from 'react';
import { openReview } from '../review/openReview';
import { useLayout } from '../state/layout';
import { useNotifications } from '../state/notifications';
import { registerCommands, registerPanel, registerStatusItem } from '../workbench/contributions';
import { RunStatusItem } from './RunStatusItem';
import { isRunAllArgs, isStartArgs, pickSpecToRunAll, pickTaskToStart, runAllTasks, startTask, TASKS_PANEL } from './taskActions';
import { connectTasks, useTasks } from './tasksStore';

// The panel (and its history table) loads when first shown.
const RunPanel = lazy(() => import('./RunPanel'));

registerPanel({ id: TASKS_PANEL, title: 'Tasks', order: 30, component: RunPanel });
registerStatusItem({ id: 'task-run', align: 'left', order: 20, component: RunStatusItem });

registerCommands((register, services) => {
  const notify = useNotifications.getState().show;
  connectTasks(
    services.client,
    (run) => (run.outcome === 'done' ? notify('info', `Task ${run.title} is done.`) : notify('error', `Task ${run.title} went back to [ ]: ${run.reason ?? 'no reason given'}`)),
    (message) => notify('error', `Task runner: ${message}`),
  );
  // A Supervised run waits for the user: open its review as soon as it is registered (once per review).
  const opened = new Set<string>();
  useTasks.subscribe((s) => {
    for (const run of s.status?.active ?? []) {
      if (run.phase === 'reviewing' && run.reviewId && !opened.has(run.reviewId)) {
        opened.add(run.reviewId);
        openReview(run.reviewId);
      }
    }
  });
  const busy = () => useTasks.getState().status?.busy ?? false;
  const batchState = () => useTasks.getState().status?.batch?.state;

  // S2-TEAM promise 5: the Tasks tree and the tasks.md code lens call these with arguments; the palette without.
  register({
    id: 'keel.task.start',
    category: 'Tasks',
    title: 'Start Task…',
    run: (args?: unknown) => (isStartArgs(args) ? startTask(services, args) : pickTaskToStart(services)),
  });
  register({
    id: 'keel.task.runAll',
    category: 'Tasks',
    title: 'Run All Tasks',
    run: (args?: unknown) => (isRunAllArgs(args) ? runAllTasks(services, args.specDir) : pickSpecToRunAll(services)),
  });
  register({
    id: 'keel.task.stop',
    category: 'Tasks',
    title: 'Stop Task Run',
    enabled: busy,
    run: () => void services.client.request('tasks/stop', {}),
  });
  register({
    id: 'keel.task.pause',
    category: 'Tasks',
    title: 'Pause Run All',
    enabled: () => batchState() === 'running',
    run: () => void services.client.request('tasks/pause', {}),
  });
  register({
    id: 'keel.task.resume',
    category: 'Tasks',
    title: 'Resume Run All',
    enabled: () => batchState() === 'paused' || batchState() === 'pausing',
    run: () => void services.client.request('tasks/resume', {}),
  });
  register({
    id: 'keel.task.showRunLog',
    category: 'Tasks',
    title: 'Show Run Log',
    run: (args?: unknown) => {
      if (isStartArgs(args)) useTasks.getState().select({ specDir: args.specDir, taskId: args.taskId });
      useLayout.getState().showPanel(TASKS_PANEL);
    },
  });
});
