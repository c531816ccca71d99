import { create } from 'zustand';
import type { Client } from '../../../protocol/client';
import type { RunnerStatus, TaskLogEntry, TaskRunEnded } from '../../../protocol';

/** Lines kept per task in the live log (older ones are in the run history). */
const MAX_LINES = 200;

export interface TasksState {
  status: RunnerStatus | null;
  /** Live log lines by `<specDir>#<taskId>`, in arrival order. */
  logs: Record<string, string[]>;
  /**
   * Lines ever received per task key: keeps counting once `logs` is full (capped), so a view that re-reads the
   * history when a line arrives still sees each one.
   */
  logCount: Record<string, number>;
  /** The running check's output by task key (its tail), shown while the check runs. */
  output: Record<string, string>;
  /** The task whose log the panel shows (the running one by default). */
  selected: { specDir: string; taskId: string } | null;
  select(task: { specDir: string; taskId: string } | null): void;
}

export const logKey = (specDir: string, taskId: string): string => `${specDir}#${taskId}`;

export const useTasks = create<TasksState>()((set) => ({
  status: null,
  logs: {},
  logCount: {},
  output: {},
  selected: null,
  select: (selected) => set({ selected }),
}));

export function applyStatus(status: RunnerStatus): void {
  const running = status.active.find((r) => r.parentRunId === undefined) ?? status.active[0];
  useTasks.setState((s) => ({ status, selected: running ? { specDir: running.specDir, taskId: running.taskId } : s.selected }));
}

export function appendLog(entry: TaskLogEntry): void {
  if (!entry.taskId) return;
  const key = logKey(entry.specDir, entry.taskId);
  useTasks.setState((s) => ({
    logs: { ...s.logs, [key]: [...(s.logs[key] ?? []), entry.message].slice(-MAX_LINES) },
    logCount: { ...s.logCount, [key]: (s.logCount[key] ?? 0) + 1 },
  }));
}

/** Check output shown live: enough of the tail to read a failing test. */
const MAX_OUTPUT = 16_000;

export function appendOutput(entry: { specDir: string; taskId: string; chunk: string }): void {
  const key = logKey(entry.specDir, entry.taskId);
  useTasks.setState((s) => ({ output: { ...s.output, [key]: ((s.output[key] ?? '') + entry.chunk).slice(-MAX_OUTPUT) } }));
}

function clearOutput(specDir: string, taskId: string): void {
  const key = logKey(specDir, taskId);
  useTasks.setState((s) => {
    const { [key]: _dropped, ...rest } = s.output;
    return { output: rest };
  });
}

/** Follows the runner: status and log events, and the state now (runs recovered after a crash included). */
export function connectTasks(client: Client, onEnded: (run: TaskRunEnded) => void, onProblem: (message: string) => void): () => void {
  const offs = [
    client.on('tasks/status', applyStatus),
    // A line with no task is about the runner itself (an unreadable journal): the user must see it.
    client.on('tasks/log', (entry) => (entry.taskId ? appendLog(entry) : onProblem(entry.message))),
    client.on('tasks/checkOutput', appendOutput),
    client.on('tasks/ended', (run) => {
      clearOutput(run.specDir, run.taskId);
      if (!run.nested) onEnded(run);
    }),
  ];
  void client.request('tasks/status', {}).then(applyStatus, () => undefined);
  return () => offs.forEach((off) => off());
}
