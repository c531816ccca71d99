/**
 * The one place the runner writes tasks.md: a task's checkbox, as a one-line edit (specs-schema's `setTaskState`)
 * written atomically with the workspace's version check. If the file changed between our read and our write (the
 * user saved, git checked out), the edit is redone on the new text; an editor holding unsaved edits sees the new
 * disk text through its usual conflict bar, so nothing the user typed is overwritten here.
 */
import { KeelError } from '../../../protocol';
import { parseTasks, setTaskState, type Task, type TaskState, type TasksDoc } from '../../../specs-schema';
import { locateTask } from './task-plan';

/** What the state file needs from the workspace (WorkspaceFs in the app). */
export interface TasksFileAccess {
  readFile(path: string): Promise<{ content: string; version: string }>;
  writeFile(path: string, content: string, expectedVersion?: string): Promise<{ version: string }>;
}

export type SettableState = Exclude<TaskState, 'unknown' | 'skipped'>;

export interface StateChange {
  /** The state before the edit (what the journal needs to undo it). */
  from: TaskState;
  to: SettableState;
  /** False when the checkbox already showed `to`. */
  changed: boolean;
}

const ATTEMPTS = 3;

export function tasksPath(specDir: string): string {
  return `${specDir.replace(/\/+$/, '')}/tasks.md`;
}

export class TaskStateFile {
  constructor(private readonly fs: TasksFileAccess) {}

  async read(specDir: string): Promise<TasksDoc> {
    return parseTasks((await this.fs.readFile(tasksPath(specDir))).content);
  }

  /**
   * Sets the checkbox of `taskKey`. `onlyIf` guards recovery: the edit happens only when the task still shows that
   * state (the user may have changed it meanwhile, and their choice wins).
   */
  async set(specDir: string, taskKey: string, to: SettableState, onlyIf?: TaskState): Promise<StateChange> {
    const path = tasksPath(specDir);
    for (let attempt = 1; ; attempt++) {
      const { content, version } = await this.fs.readFile(path);
      const doc = parseTasks(content);
      const task = requireTask(doc, taskKey, specDir);
      if (task.state === to || (onlyIf !== undefined && task.state !== onlyIf)) return { from: task.state, to, changed: false };
      const edit = setTaskStateEdit(doc, task, to);
      try {
        await this.fs.writeFile(path, edit, version);
        return { from: task.state, to, changed: true };
      } catch (err) {
        if (!(err instanceof KeelError && err.code === 'CONFLICT') || attempt >= ATTEMPTS) throw err;
      }
    }
  }
}

function requireTask(doc: TasksDoc, key: string, specDir: string): Task {
  const task = locateTask(doc, key);
  if (!task) throw new KeelError('NOT_FOUND', `Task ${key} is not in ${tasksPath(specDir)} (was it renamed or removed?)`);
  return task;
}

function setTaskStateEdit(doc: TasksDoc, task: Task, to: SettableState): string {
  const result = setTaskState(doc, task, to);
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new KeelError('BAD_REQUEST', error.message);
  return result.text;
}
