import type { ChangeSource } from '../../../protocol';

/**
 * Who proposed a change, as the review header and the Show Changes pick say it: "Task 2.1 · todo-priorities" for a
 * task run (a task without a number is named by its line, as the runner keys it), "Chat" otherwise.
 */
export function sourceLabel(source: ChangeSource): string {
  if (source.kind !== 'task') return 'Chat';
  const task = source.taskId?.startsWith('line:') ? `on line ${source.taskId.slice(5)}` : (source.taskId ?? '');
  const spec = source.specDir?.split('/').filter(Boolean).pop();
  return `Task ${task}`.trim() + (spec ? ` · ${spec}` : '');
}
