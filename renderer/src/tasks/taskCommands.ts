/**
 * The task commands. Start and Run all take their target as the command's arguments (`registry.execute(id, args)`:
 * the Tasks tree, the tasks.md code lens and the spec panes pass `{ specDir, taskId }` / `{ specDir }`); from the
 * palette or a key they get none and ask with a pick.
 */
import type { CommandSpec } from '../commands/registry';
import { useLayout } from '../state/layout';
import { isRunAllArgs, isStartArgs, pickSpecToRunAll, pickTaskToStart, runAllTasks, startTask, TASKS_PANEL, type TaskServices } from './taskActions';
import { useTasks } from './tasksStore';

export const START_TASK = 'keel.task.start';
export const RUN_ALL_TASKS = 'keel.task.runAll';

export function registerTaskCommands(register: (spec: CommandSpec) => unknown, services: TaskServices): void {
  const busy = () => useTasks.getState().status?.busy ?? false;
  const batchState = () => useTasks.getState().status?.batch?.state;
  register({
    id: START_TASK,
    category: 'Tasks',
    title: 'Start Task…',
    run: (args) => (isStartArgs(args) ? startTask(services, args) : pickTaskToStart(services)),
  });
  register({
    id: RUN_ALL_TASKS,
    category: 'Tasks',
    title: 'Run All Tasks',
    run: (args) => (isRunAllArgs(args) ? runAllTasks(services, args.specDir) : pickSpecToRunAll(services)),
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
    run: (args) => {
      if (isStartArgs(args)) useTasks.getState().select({ specDir: args.specDir, taskId: args.taskId });
      useLayout.getState().showPanel(TASKS_PANEL);
    },
  });
}
