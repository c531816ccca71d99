/**
 * What the task commands do in the page: pick a task or spec when none is given, save an edited tasks.md first
 * (the runner writes the checkbox on disk; an unsaved buffer would otherwise meet it as a conflict), then ask the
 * runner. Errors become notifications, never a silent no-op.
 */
import type { RunnerStatus, SpecSummary } from '../../../protocol';
import type { Services } from '../app/services';
import { useDocuments } from '../state/documents';
import { useLayout } from '../state/layout';
import { notifyError } from '../state/notifications';
import { useQuickInput, type PickItem } from '../state/quickInput';

export const TASKS_PANEL = 'tasks';

/** What the task actions use of the page's services. */
export type TaskServices = Pick<Services, 'client' | 'documents'>;

export interface StartArgs {
  specDir: string;
  taskId: string;
}

export interface OpenTask {
  specDir: string;
  specName: string;
  taskId: string;
  label: string;
}

export function isStartArgs(v: unknown): v is StartArgs {
  const o = v as Partial<StartArgs> | null;
  return !!o && typeof o.specDir === 'string' && typeof o.taskId === 'string';
}

export function isRunAllArgs(v: unknown): v is { specDir: string } {
  const o = v as { specDir?: unknown } | null;
  return !!o && typeof o.specDir === 'string';
}

export async function startTask(services: TaskServices, args: StartArgs): Promise<void> {
  try {
    if (!(await saveTasksFile(services, args.specDir))) return;
    // Only the target: a pick item carries its label and spec name too.
    await services.client.request('tasks/start', { specDir: args.specDir, taskId: args.taskId });
  } catch (err) {
    notifyError(`Could not start task ${args.taskId}`, err);
  }
}

/** Without `mode`, the agent settings' mode; Resume of an interrupted Run all passes the batch's own. */
export async function runAllTasks(services: TaskServices, specDir: string, mode?: NonNullable<RunnerStatus['interrupted']>['mode']): Promise<void> {
  try {
    if (!(await saveTasksFile(services, specDir))) return;
    await services.client.request('tasks/runAll', { specDir, ...(mode ? { mode } : {}) });
    useLayout.getState().showPanel(TASKS_PANEL);
  } catch (err) {
    notifyError('Could not run the tasks', err);
  }
}

/** "Resume" on an interrupted Run all: the same spec in the batch's own mode (not whatever the settings say now). */
export function resumeInterrupted(services: TaskServices, batch: NonNullable<RunnerStatus['interrupted']>): Promise<void> {
  return runAllTasks(services, batch.specDir, batch.mode);
}

/** "Tasks: Start Task…": every open, non-optional task of every spec, in document order. */
export async function pickTaskToStart(services: TaskServices): Promise<void> {
  try {
    const tasks = await openTasks(services);
    if (tasks.length === 0) {
      useQuickInput.getState().showPick({ placeholder: 'No open tasks: every task of every spec is done or optional', items: [] });
      return;
    }
    const items: PickItem[] = tasks.map((t) => ({ label: t.label, description: t.specName, run: () => void startTask(services, t) }));
    useQuickInput.getState().showPick({ placeholder: 'Start which task?', items });
  } catch (err) {
    notifyError('Could not list the tasks', err);
  }
}

/** "Tasks: Run All Tasks": the spec with open tasks, or a pick when there are several. */
export async function pickSpecToRunAll(services: TaskServices): Promise<void> {
  try {
    const tasks = await openTasks(services);
    const specs = [...new Map(tasks.map((t) => [t.specDir, t.specName])).entries()];
    const only = specs.length === 1 ? specs[0] : undefined;
    if (only) return await runAllTasks(services, only[0]);
    if (specs.length === 0) {
      useQuickInput.getState().showPick({ placeholder: 'No spec has open tasks', items: [] });
      return;
    }
    const items: PickItem[] = specs.map(([dir, name]) => ({
      label: name,
      description: `${tasks.filter((t) => t.specDir === dir).length} open`,
      run: () => void runAllTasks(services, dir),
    }));
    useQuickInput.getState().showPick({ placeholder: 'Run all open tasks of which spec?', items });
  } catch (err) {
    notifyError('Could not list the specs', err);
  }
}

async function openTasks(services: TaskServices): Promise<OpenTask[]> {
  const { specs } = await services.client.request('spec/list', {});
  // specs-schema (and zod with it) stays out of the first chunk: loaded when a pick is first shown.
  const { parseTasks } = await import('../../../specs-schema');
  const out: OpenTask[] = [];
  for (const spec of specs.filter((s): s is SpecSummary & { files: { tasks: string } } => !!s.files.tasks)) {
    const text = (await services.client.request('workspace/readFile', { path: spec.files.tasks })).content;
    for (const task of parseTasks(text).all) {
      if (task.optional || (task.state !== 'open' && task.state !== 'inProgress')) continue;
      const taskId = task.id ?? `line:${task.line + 1}`;
      out.push({ specDir: spec.dir, specName: spec.name, taskId, label: task.id ? `${task.id} ${task.title.trim()}` : task.title.trim() });
    }
  }
  return out;
}

/** Saves tasks.md when it is open with unsaved edits; false (with a notice) when that save did not happen. */
async function saveTasksFile(services: TaskServices, specDir: string): Promise<boolean> {
  const path = `${specDir}/tasks.md`;
  if (!useDocuments.getState().docs[path]?.dirty) return true;
  if (await services.documents.save(path)) return true;
  notifyError('tasks.md has unsaved edits that could not be saved', new Error('resolve the conflict in its editor, then start the task again'));
  return false;
}
