import { lazy } from 'react';
import { openReview } from '../review/openReview';
import { reviewTitle } from '../review/reviewSource';
import { useNotifications } from '../state/notifications';
import { registerCommands, registerPanel, registerStatusItem } from '../workbench/contributions';
import { RunStatusItem } from './RunStatusItem';
import { TASKS_PANEL } from './taskActions';
import { registerTaskCommands } from './taskCommands';
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
        openReview(run.reviewId, undefined, reviewTitle({ kind: 'task', taskId: run.taskId }));
      }
    }
  });
  registerTaskCommands(register, services);
});
