/**
 * Run all: the spec's pending, non-optional top-level tasks in document order, one at a time (a task with
 * sub-tasks runs them first, see task-execution.ts) — or, when tasks.md ends with a task dependency graph, wave by
 * wave (task-plan.ts `runAllOrder`). tasks.md is re-read before each task, so edits made meanwhile
 * count and a restart resumes from whatever the file says. The first task that does not end done stops the
 * batch — later tasks usually build on it. Pause takes effect between tasks; Stop aborts the current one.
 */
import type { Task } from '../../../specs-schema';
import type { RunMode } from './journal-records';
import { executeTask, stopReason, type RunnerEnv, type StopRequest } from './task-execution';
import { isPending, requiredChildren, runAllOrder, taskKey, taskLabel } from './task-plan';
import { TaskStateFile } from './task-state-file';

export interface BatchProgress {
  batchId: string;
  specDir: string;
  mode: RunMode;
  /** Pending non-optional leaf tasks when the batch started. */
  total: number;
  done: number;
  state: 'running' | 'pausing' | 'paused' | 'stopping' | 'finished' | 'stopped' | 'failed';
  current?: string;
  reason?: string;
}

export class RunAllBatch {
  readonly progress: BatchProgress;
  private readonly controller = new AbortController();
  private resumeGate: (() => void) | undefined;
  private pauseRequested = false;

  constructor(
    private readonly env: RunnerEnv,
    specDir: string,
    mode: RunMode,
    private readonly onProgress: (p: BatchProgress) => void,
  ) {
    this.progress = { batchId: env.newId(), specDir, mode, total: 0, done: 0, state: 'running' };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs to the end; never rejects (a failure ends the batch with a reason). */
  async run(): Promise<BatchProgress> {
    const { env, progress } = this;
    const states = new TaskStateFile(env.ws);
    await env.journal.append({ t: 'batchStart', batchId: progress.batchId, at: env.now(), specDir: progress.specDir, mode: progress.mode });
    try {
      progress.total = countLeaves(runAllOrder(await states.read(progress.specDir)));
      this.changed();
      for (;;) {
        await this.waitIfPaused();
        if (this.signal.aborted) return await this.finish('stopped', stopReason(this.signal));
        const next = runAllOrder(await states.read(progress.specDir))[0];
        if (!next) return await this.finish('finished');
        progress.current = taskLabel(next);
        this.changed();
        const outcome = await executeTask(env, { specDir: progress.specDir, taskId: taskKey(next), mode: progress.mode, signal: this.signal, batchId: progress.batchId });
        if (outcome.outcome !== 'done') {
          return await this.finish(this.signal.aborted ? 'stopped' : 'failed', `${taskLabel(next)}: ${outcome.reason ?? 'not completed'}`);
        }
      }
    } catch (err) {
      return this.finish('failed', err instanceof Error ? err.message : String(err));
    }
  }

  /** A leaf task of this batch ended done: progress moves on. */
  leafDone(): void {
    this.progress.done = Math.min(this.progress.total, this.progress.done + 1);
    this.changed();
  }

  pause(): void {
    if (this.progress.state !== 'running') return;
    this.pauseRequested = true;
    this.progress.state = 'pausing';
    this.changed();
  }

  resume(): void {
    if (this.progress.state !== 'paused' && this.progress.state !== 'pausing') return;
    this.pauseRequested = false;
    this.progress.state = 'running';
    this.changed();
    this.resumeGate?.();
  }

  stop(reason?: StopRequest): void {
    if (isOver(this.progress.state)) return;
    this.progress.state = 'stopping';
    this.changed();
    this.controller.abort(reason);
    this.resumeGate?.();
  }

  private async waitIfPaused(): Promise<void> {
    if (!this.pauseRequested || this.signal.aborted) return;
    this.progress.state = 'paused';
    delete this.progress.current;
    this.changed();
    await new Promise<void>((resolve) => (this.resumeGate = resolve));
    this.resumeGate = undefined;
  }

  private async finish(state: 'finished' | 'stopped' | 'failed', reason?: string): Promise<BatchProgress> {
    const { progress } = this;
    progress.state = state;
    delete progress.current;
    if (reason !== undefined) progress.reason = reason;
    await this.env.journal
      .append({ t: 'batchEnd', batchId: progress.batchId, at: this.env.now(), status: state, ...(reason !== undefined ? { reason } : {}) })
      .catch(() => undefined);
    this.changed();
    return progress;
  }

  private changed(): void {
    this.onProgress({ ...this.progress });
  }
}

export function isOver(state: BatchProgress['state']): boolean {
  return state === 'finished' || state === 'stopped' || state === 'failed';
}

/**
 * The leaf tasks a batch will execute: pending, non-optional, sub-tasks counted instead of their parent. A sub-task
 * listed on its own (a wave of the dependency graph) and again under its group is counted once.
 */
export function countLeaves(tasks: readonly Task[], seen = new Set<Task>()): number {
  let n = 0;
  for (const t of tasks) {
    if (t.optional || !isPending(t) || seen.has(t)) continue;
    seen.add(t);
    n += requiredChildren(t).length > 0 ? countLeaves(t.children, seen) : 1;
  }
  return n;
}
