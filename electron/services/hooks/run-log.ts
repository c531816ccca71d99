import type { Disposable } from '../../base/disposable';
import type { HookRun } from './hook-types';

/**
 * The hooks run log: every run with its status, duration and output, newest last. Each change is announced
 * with a copy of the run, so the Hooks pane (stage 2, over IPC) can render updates without asking again.
 */
export class RunLog {
  private readonly runs = new Map<string, HookRun>();
  private readonly listeners = new Set<(run: HookRun) => void>();
  private counter = 0;

  constructor(private readonly limit = 500) {}

  nextId(): string {
    this.counter += 1;
    return `run-${Date.now().toString(36)}-${this.counter}`;
  }

  /** Runs from before a restart (oldest first), put in without announcing them. */
  seed(runs: readonly HookRun[]): void {
    for (const run of runs) if (!this.runs.has(run.id)) this.runs.set(run.id, run);
    this.trim();
  }

  add(run: HookRun): HookRun {
    this.runs.set(run.id, run);
    this.trim();
    this.emit(run);
    return run;
  }

  update(id: string, patch: Partial<HookRun>): HookRun | undefined {
    const run = this.runs.get(id);
    if (!run) return undefined;
    const next = { ...run, ...patch };
    this.runs.set(id, next);
    this.emit(next);
    return next;
  }

  get(id: string): HookRun | undefined {
    return this.runs.get(id);
  }

  list(): HookRun[] {
    return [...this.runs.values()];
  }

  onDidUpdate(listener: (run: HookRun) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Oldest finished runs go first; queued and running ones are never dropped. */
  private trim(): void {
    if (this.runs.size <= this.limit) return;
    for (const [id, run] of this.runs) {
      if (this.runs.size <= this.limit) break;
      if (run.status !== 'queued' && run.status !== 'running') this.runs.delete(id);
    }
  }

  private emit(run: HookRun): void {
    const copy = structuredClone(run);
    for (const l of [...this.listeners]) l(copy);
  }
}
