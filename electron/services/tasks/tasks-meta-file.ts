/**
 * Keel's runs in Kiro's `tasks.meta.json`: each time Keel's executor runs a task, one `executionHistory` entry is
 * appended in Kiro's shape, so Kiro shows Keel's runs and Keel shows Kiro's. Only that array changes (a minimal
 * jsonc edit, written with the workspace's version check; a concurrent write is retried on the new text). Recording
 * is best-effort: an unreadable file is left alone and the run goes on, with the reason in the run log.
 */
import { KeelError } from '../../../protocol';
import { appendTaskExecution, taskMetaKey, type TaskExecution, type Task, type TasksDoc } from '../../../specs-schema';
import type { TasksFileAccess } from './task-state-file';

const ATTEMPTS = 3;

export function tasksMetaPath(specDir: string): string {
  return `${specDir.replace(/\/+$/, '')}/tasks.meta.json`;
}

/** Appends `run` under `task`'s key; resolves with a message for the run log when it could not. */
export async function recordTaskExecution(fs: TasksFileAccess, specDir: string, doc: TasksDoc, task: Task, run: TaskExecution): Promise<string | undefined> {
  const path = tasksMetaPath(specDir);
  const key = taskMetaKey(doc, task);
  for (let attempt = 1; ; attempt++) {
    let current: { content: string; version: string } | undefined;
    try {
      current = await fs.readFile(path);
    } catch (err) {
      if (!(err instanceof KeelError && err.code === 'NOT_FOUND')) return `tasks.meta.json was not updated: ${errorText(err)}`;
    }
    const edit = appendTaskExecution(current?.content, key, run);
    const refused = edit.diagnostics.find((d) => d.severity === 'error');
    if (refused) return refused.message;
    try {
      await fs.writeFile(path, edit.text, current?.version);
      return undefined;
    } catch (err) {
      if (!(err instanceof KeelError && err.code === 'CONFLICT') || attempt >= ATTEMPTS) return `tasks.meta.json was not updated: ${errorText(err)}`;
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
