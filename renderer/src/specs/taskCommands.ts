/**
 * "Start task" and "Run all" belong to the task runner (H4's `renderer/src/tasks/`), which registers the commands
 * `keel.task.start` ({ specDir, taskId }) and `keel.task.runAll` ({ specDir }). The spec panes show their buttons
 * only while those commands exist, so there is never a dead button, and run them through the command registry.
 */
import { useSyncExternalStore } from 'react';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';

export const START_TASK = 'keel.task.start';
export const RUN_ALL_TASKS = 'keel.task.runAll';

export type TaskCommandId = typeof START_TASK | typeof RUN_ALL_TASKS;

export function hasCommand(id: string): boolean {
  return getServices().registry.get(id) !== undefined;
}

/** True while the command is registered (re-renders when it comes or goes). */
export function useHasCommand(id: TaskCommandId): boolean {
  return useSyncExternalStore(
    (onChange) => getServices().registry.onChange(onChange),
    () => hasCommand(id),
  );
}

/** Runs a task command with its arguments through the registry; a failure becomes a notification. */
export async function runTaskCommand(id: typeof START_TASK, args: { specDir: string; taskId: string }): Promise<void>;
export async function runTaskCommand(id: typeof RUN_ALL_TASKS, args: { specDir: string }): Promise<void>;
export async function runTaskCommand(id: TaskCommandId, args: { specDir: string; taskId?: string }): Promise<void> {
  if (!hasCommand(id)) return;
  try {
    await getServices().registry.execute(id, args);
  } catch (err) {
    notifyError(id === START_TASK ? `Could not start task ${args.taskId ?? ''}` : 'Could not run the tasks', err);
  }
}
