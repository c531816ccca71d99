import type { ChangeSource } from '../../../protocol';

/**
 * Who proposed a change, as the review header and the Show Changes pick say it: "Task 2.1 · todo-priorities" for a
 * task run (a task without a number is named by its line, as the runner keys it), "Chat" otherwise.
 */
export function sourceLabel(source: Pick<ChangeSource, 'kind' | 'specDir' | 'taskId'>): string {
  if (source.kind !== 'task') return 'Chat';
  const spec = source.specDir?.split('/').filter(Boolean).pop();
  return taskName(source.taskId) + (spec ? ` · ${spec}` : '');
}

/** The review tab's label: short, but telling one task's review from the next ("Review: Task 3"). */
export function reviewTitle(source: Pick<ChangeSource, 'kind' | 'taskId'>): string {
  return `Review: ${source.kind === 'task' ? taskName(source.taskId) : 'Chat'}`;
}

function taskName(taskId: string | undefined): string {
  const task = taskId?.startsWith('line:') ? `on line ${taskId.slice(5)}` : (taskId ?? '');
  return `Task ${task}`.trim();
}
