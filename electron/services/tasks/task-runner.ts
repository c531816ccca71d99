/**
 * The folder's task runner: one run at a time (Start task or Run all — two executors editing the same files would
 * review badly), its live status, the run log and the history read from the journal. Crash recovery runs once,
 * before the first run of the folder can start.
 */
import { randomUUID } from 'node:crypto';
import { KeelError } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import type { RunMode } from './journal-records';
import type { CheckRunner, CommandApproval, Executor, ReviewPort, TaskHooks } from './ports';
import { compactRecords } from './journal-compaction';
import { followRecoveredReview } from './recovered-review';
import { recoverDeadRuns, type RecoveredRun } from './recovery';
import { RunAllBatch, isOver, type BatchProgress } from './run-all';
import { foldRuns, interruptedBatch, runsOfTask, type RunSummary } from './run-history';
import { RunJournal } from './run-journal';
import type { RunnerWorkspace } from './spec-inputs';
import { executeTask, StopRequest, type RunnerEnv, type RunPhase } from './task-execution';
import { locateTask } from './task-plan';
import { TaskStateFile } from './task-state-file';

export interface ActiveRun {
  runId: string;
  specDir: string;
  taskId: string;
  title: string;
  phase: RunPhase;
  parentRunId?: string;
  /** While reviewing: the review to open. */
  reviewId?: string;
}

/** A recovered run as the Tasks panel shows it. */
export interface RecoveredItem {
  runId: string;
  specDir: string;
  taskId: string;
  title: string;
  reset: boolean;
  /** Its change still waits in the change review (applying it runs the task's check). */
  pendingReviewId?: string;
}

export interface RunnerStatus {
  /** A Start task or Run all is in progress: new runs are refused until it ends. */
  busy: boolean;
  active: ActiveRun[];
  batch?: BatchProgress;
  /** Runs a crash left open, put back to `[ ]` when this folder opened. */
  recovered: RecoveredItem[];
  /** A Run all that a crash or quit interrupted: the UI offers to resume it. */
  interrupted?: { batchId: string; specDir: string; mode: RunMode };
}

export interface LogEntry {
  runId: string;
  specDir: string;
  taskId: string;
  message: string;
}

export interface TaskRunnerPorts {
  executor?: Executor;
  review?: ReviewPort;
  approval?: CommandApproval;
  checks: CheckRunner;
  hooks?: TaskHooks;
}

export interface TaskRunnerOptions {
  ws: RunnerWorkspace;
  userDataDir: string;
  /** Resolved when a run needs them, so a feature that lands later (or fails to start) only affects runs. */
  ports: () => TaskRunnerPorts;
  onStatus(status: RunnerStatus): void;
  onLog(entry: LogEntry): void;
  onCheckOutput?(entry: { runId: string; specDir: string; taskId: string; chunk: string }): void;
  onEnded?(run: { runId: string; specDir: string; taskId: string; title: string; kind: 'task' | 'group'; nested: boolean; outcome: 'done' | 'reverted'; reason?: string }): void;
  now?: () => string;
  /** The journal is compacted at open once it is larger than this (default 1 MiB; see journal-compaction.ts). */
  journalLimitBytes?: number;
}

const JOURNAL_LIMIT_BYTES = 1024 * 1024;

/** Stands in when the agent host is missing for a run that does not need it (checking an applied change). */
const NO_EXECUTOR: Executor = {
  run: () => Promise.reject(new KeelError('INTERNAL', 'The agent host is not available, so no task can run.')),
};

export class TaskRunner implements Disposable {
  private readonly journal: RunJournal;
  private readonly states: TaskStateFile;
  private readonly active = new Map<string, ActiveRun>();
  private batch: RunAllBatch | undefined;
  private batchDone: Promise<unknown> | undefined;
  private lastBatch: BatchProgress | undefined;
  private single: { controller: AbortController; done: Promise<unknown> } | undefined;
  /** Runs checking a change applied after a restart (recovered-review.ts). */
  private readonly followUps = new Set<{ controller: AbortController; done: Promise<unknown> }>();
  private disposed = false;
  private recovered: RecoveredRun[] = [];
  /** Recovered runs whose pending review has been decided (the banner stops offering it). */
  private readonly settledReviews = new Set<string>();
  private interrupted: RunnerStatus['interrupted'];
  readonly ready: Promise<void>;

  constructor(private readonly options: TaskRunnerOptions) {
    this.journal = RunJournal.forWorkspace(options.userDataDir, options.ws.root);
    this.states = new TaskStateFile(options.ws);
    this.ready = this.recover();
  }

  status(): RunnerStatus {
    const busy = this.single !== undefined || this.followUps.size > 0 || (this.batch !== undefined && !isOver(this.batch.progress.state));
    const recovered = this.recovered.map(({ runId, specDir, taskId, title, reset, pendingReview }) => ({
      runId,
      specDir,
      taskId,
      title,
      reset,
      ...(pendingReview && !this.settledReviews.has(runId) ? { pendingReviewId: pendingReview.reviewId } : {}),
    }));
    const status: RunnerStatus = { busy, active: [...this.active.values()], recovered };
    const batch = this.batch?.progress ?? this.lastBatch;
    if (batch) status.batch = { ...batch };
    if (this.interrupted) status.interrupted = this.interrupted;
    return status;
  }

  /** Marks the task `[-]` and returns once that is on disk; the run goes on in the background. */
  async start(specDir: string, taskId: string, mode: RunMode = 'supervised'): Promise<{ runId: string }> {
    await this.ready;
    this.refuseIfBusy();
    const env = this.env(mode);
    const doc = await this.states.read(specDir);
    const task = locateTask(doc, taskId);
    if (!task) throw new KeelError('NOT_FOUND', `Task ${taskId} is not in ${specDir}/tasks.md.`);
    if (task.state === 'done') throw new KeelError('BAD_REQUEST', `Task ${taskId} is already done.`);
    const controller = new AbortController();
    // Resolves once the `[-]` is on disk: at the run's first event after `starting` (or a sub-task's start).
    let topRunId = '';
    let failure: unknown;
    let markedOnDisk!: () => void;
    const marked = new Promise<void>((resolve) => (markedOnDisk = resolve));
    const wrapped: RunnerEnv = {
      ...env,
      onPhase: (run) => {
        env.onPhase(run);
        if (run.parentRunId === undefined && run.phase === 'starting') topRunId = run.runId;
        else markedOnDisk();
      },
    };
    const done = executeTask(wrapped, { specDir, taskId, mode, signal: controller.signal })
      .catch((err: unknown) => {
        failure = err;
        this.options.onLog({ runId: topRunId, specDir, taskId, message: `Run failed: ${err instanceof Error ? err.message : String(err)}` });
      })
      .finally(() => {
        this.single = undefined;
        markedOnDisk();
        this.emitStatus();
      });
    this.single = { controller, done };
    await marked;
    if (failure !== undefined) throw failure;
    return { runId: topRunId };
  }

  async runAll(specDir: string, mode: RunMode = 'supervised'): Promise<{ batchId: string }> {
    await this.ready;
    this.refuseIfBusy();
    const env = this.env(mode);
    await this.states.read(specDir); // a missing tasks.md is an error for the request, not a failed batch
    await this.closeInterrupted('Superseded by a new Run all.');
    const batch = new RunAllBatch(
      {
        ...env,
        onEnd: (run) => {
          env.onEnd(run);
          if (run.outcome === 'done' && run.kind === 'task') batch.leafDone();
        },
      },
      specDir,
      mode,
      () => this.emitStatus(),
    );
    this.batch = batch;
    this.batchDone = batch.run().finally(() => {
      this.lastBatch = { ...batch.progress };
      this.batch = undefined;
      this.emitStatus();
    });
    return { batchId: batch.progress.batchId };
  }

  pause(): void {
    this.batch?.pause();
  }

  resume(): void {
    this.batch?.resume();
  }

  /** Stops whatever runs: the current task goes back to `[ ]`, a Run all ends as stopped. */
  stop(reason?: StopRequest): void {
    this.batch?.stop(reason);
    this.single?.controller.abort(reason);
    for (const run of this.followUps) run.controller.abort(reason);
  }

  /** Forget the interrupted Run all without resuming it. */
  async dismissInterrupted(): Promise<void> {
    await this.closeInterrupted('Dismissed by the user.');
    this.emitStatus();
  }

  /** An interrupted batch is offered until it is resumed or dismissed; the journal remembers which. */
  private async closeInterrupted(reason: string): Promise<void> {
    const batch = this.interrupted;
    if (!batch) return;
    this.interrupted = undefined;
    await this.journal.append({ t: 'batchEnd', batchId: batch.batchId, at: this.now(), status: 'stopped', reason });
  }

  async history(specDir: string, taskId?: string): Promise<RunSummary[]> {
    const { records } = await this.journal.read();
    const { runs } = foldRuns(records);
    const picked = taskId === undefined ? runs.filter((r) => r.specDir === specDir) : runsOfTask(runs, specDir, taskId);
    return picked.reverse();
  }

  /** Task → files it changed (drift detection): every path any run of the task changed on disk. */
  async filesChanged(specDir: string, taskId: string): Promise<string[]> {
    const files = new Set<string>();
    for (const run of await this.history(specDir, taskId)) for (const f of run.filesChanged) files.add(f);
    return [...files].sort();
  }

  async dispose(): Promise<void> {
    // Quitting mid-run: stop it and let it put its `[-]` back while the workspace is still open.
    this.disposed = true;
    this.stop(new StopRequest('Keel closed the folder during the run.'));
    await Promise.allSettled([this.single?.done, this.batchDone, ...[...this.followUps].map((f) => f.done)]);
  }

  private async recover(): Promise<void> {
    const now = this.now;
    try {
      this.recovered = await recoverDeadRuns(this.journal, this.states, now);
      const { records } = await this.journal.read();
      const batch = interruptedBatch(foldRuns(records).batches);
      if (batch) this.interrupted = { batchId: batch.batchId, specDir: batch.specDir, mode: batch.mode };
    } catch (err) {
      this.options.onLog({ runId: '', specDir: '', taskId: '', message: `Could not read the run journal: ${err instanceof Error ? err.message : String(err)}` });
    }
    // No run is going yet (runs wait for `ready`), so every run in the journal has ended: safe to compact. A
    // failure only leaves the journal as long as it was.
    await this.journal
      .compactIfLarger(this.options.journalLimitBytes ?? JOURNAL_LIMIT_BYTES, (records) => compactRecords(records))
      .catch((err: unknown) => console.error('Keel: could not compact the task run journal:', err));
    if (this.recovered.length > 0 || this.interrupted) this.emitStatus();
    for (const run of this.recovered) if (run.pendingReview) this.followReview(run);
  }

  /** A recovered run's change, still pending in the change review: when it is decided, tasks.md follows. */
  private followReview(run: RecoveredRun): void {
    let review;
    try {
      review = this.options.ports().review;
    } catch (err) {
      console.error('Keel: the change review is not available to follow a recovered task change:', err);
      return;
    }
    if (!review) return;
    void followRecoveredReview(review, run, {
      journal: this.journal,
      states: this.states,
      now: this.now,
      isRunning: (specDir, taskId) => [...this.active.values()].some((a) => a.specDir === specDir && a.taskId === taskId),
      checkApplied: (recovered, outcome) => {
        if (this.disposed) return;
        const controller = new AbortController();
        const { pendingReview } = recovered;
        if (!pendingReview) return;
        const entry: { controller: AbortController; done: Promise<unknown> } = { controller, done: Promise.resolve() };
        // Through a promise, so a port that fails to start is logged like a failed run.
        entry.done = Promise.resolve()
          .then(() =>
            executeTask(this.env(recovered.mode, false), {
              specDir: recovered.specDir,
              taskId: recovered.taskId,
              mode: recovered.mode,
              signal: controller.signal,
              afterRestart: { interruptedRunId: recovered.runId, ...pendingReview, outcome },
            }),
          )
          .catch((err: unknown) => {
            const message = `Could not check the change applied after the restart: ${err instanceof Error ? err.message : String(err)}`;
            this.options.onLog({ runId: recovered.runId, specDir: recovered.specDir, taskId: recovered.taskId, message });
          })
          .finally(() => {
            this.followUps.delete(entry);
            this.emitStatus();
          });
        this.followUps.add(entry);
      },
      onLog: (entry) => this.options.onLog(entry),
    }).finally(() => {
      this.settledReviews.add(run.runId);
      if (!this.disposed) this.emitStatus();
    });
  }

  /** `needsExecutor` false: a run that only checks an applied change (it works without the agent host). */
  private env(mode: RunMode, needsExecutor = true): RunnerEnv {
    const ports = this.options.ports();
    if (needsExecutor && !ports.executor) throw new KeelError('INTERNAL', 'The agent host is not available, so no task can run.');
    if (needsExecutor && mode === 'supervised' && !ports.review) throw new KeelError('INTERNAL', 'Change review is not available, so a Supervised run could not be reviewed.');
    return {
      ws: this.options.ws,
      journal: this.journal,
      executor: ports.executor ?? NO_EXECUTOR,
      ...(ports.review ? { review: ports.review } : {}),
      ...(ports.approval ? { approval: ports.approval } : {}),
      ...(ports.hooks ? { hooks: ports.hooks } : {}),
      checks: ports.checks,
      newId: () => randomUUID(),
      now: this.now,
      onPhase: (run) => {
        this.active.set(run.runId, run);
        // A task run again is no longer one "put back after a crash": the banner would be stale.
        if (run.phase === 'starting') this.recovered = this.recovered.filter((r) => r.specDir !== run.specDir || r.taskId !== run.taskId);
        this.emitStatus();
      },
      onLog: (entry) => this.options.onLog(entry),
      onCheckOutput: (entry) => this.options.onCheckOutput?.(entry),
      onEnd: (run) => {
        const active = this.active.get(run.runId);
        this.active.delete(run.runId);
        this.options.onEnded?.({ ...run, title: active?.title ?? run.taskId, nested: active?.parentRunId !== undefined });
        this.options.onLog({ runId: run.runId, specDir: run.specDir, taskId: run.taskId, message: run.outcome === 'done' ? 'Done.' : `Back to [ ]: ${run.reason ?? ''}` });
        this.emitStatus();
      },
    };
  }

  private refuseIfBusy(): void {
    const current = [...this.active.values()][0];
    if (this.status().busy) {
      throw new KeelError('CONFLICT', `A task is already running${current ? ` (${current.title})` : ''}; stop it or wait for it to finish.`);
    }
  }

  private emitStatus(): void {
    this.options.onStatus(this.status());
  }

  private get now(): () => string {
    return this.options.now ?? (() => new Date().toISOString());
  }
}
