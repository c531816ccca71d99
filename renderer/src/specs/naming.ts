import type { TaskState } from '../../../specs-schema';

/** "Dark Mode toggle!" → "dark-mode-toggle": the folder name Kiro uses for a spec. */
export function toKebabCase(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

/** The checkbox cycles open → in progress → done → open; skipped and unknown marks restart at open. */
export function nextTaskState(state: TaskState): Exclude<TaskState, 'unknown'> {
  if (state === 'open') return 'inProgress';
  if (state === 'inProgress') return 'done';
  return 'open';
}

export const TASK_STATE_LABEL: Record<TaskState, string> = {
  open: 'Not started',
  inProgress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
  unknown: 'Unknown state',
};
