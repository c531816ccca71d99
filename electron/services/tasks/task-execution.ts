/**
 * One task, start to finish: `[-]` at once → executor → review (Supervised) or checkpointed writes (Autopilot) →
 * the task's check → `[x]`; any other ending puts the box back to `[ ]` with the reason in the run log. A task with
 * sub-tasks runs as a group: its pending sub-tasks in order, then the parent is ticked. Every step is journaled
 * before tasks.md changes, so a crash can always be undone (see recovery.ts).
 */
import { KeelError } from '../../../protocol';
import { parentOf, type Task, type TasksDoc } from '../../../specs-schema';
import { checkFor } from './check-command';
import type { FileSummary, RunMode } from './journal-records';
import type { CheckRunner, CommandApproval, Executor, ExecutorEvent, ExecutorResult, ReviewOutcome, ReviewPort, TaskHooks } from './ports';
import type { RunJournal } from './run-journal';
import { readSpecFiles, readSteering, type RunnerWorkspace } from './spec-inputs';
import { buildTaskContext } from './task-context';
import { recordTaskExecution } from './tasks-meta-file';
import { isPending, locateTask, requiredChildren, taskKey, taskLabel } from './task-plan';
import { TaskStateFile } from './task-state-file';

export type RunPhase = 'starting' | 'executing' | 'reviewing' | 'checking' | 'finishing';

export interface RunnerEnv {
  ws: RunnerWorkspace;
  journal: RunJournal;
  executor: Executor;
  /** Required for Supervised runs. */
  review?: ReviewPort;
  /** Without it a named check cannot be approved, and the task is not ticked. */
  approval?: CommandApproval;
  checks: CheckRunner;
  hooks?: TaskHooks;
  onPhase(run: { runId: string; specDir: string; taskId: string; title: string; phase: RunPhase; parentRunId?: string; reviewId?: string }): void;
  onLog(entry: { runId: string; specDir: string; taskId: string; message: string }): void;
  /** Check output as it arrives (not journaled; the journal keeps the tail). */
  onCheckOutput?(entry: { runId: string; specDir: string; taskId: string; chunk: string }): void;
  onEnd(run: { runId: string; specDir: string; taskId: string; kind: 'task' | 'group'; outcome: 'done' | 'reverted'; reason?: string }): void;
  newId(): string;
  now(): string;
}

export interface TaskRequest {
  specDir: string;
  taskId: string;
  mode: RunMode;
  signal: AbortSignal;
  batchId?: string;
  parentRunId?: string;
  /** The run only checks a change applied after a restart (see recovered-review.ts); no executor, no review. */
  afterRestart?: AppliedAfterRestart;
}

/** A change an interrupted run left for review, applied by the user after the restart. */
export interface AppliedAfterRestart {
  /** The interrupted run that proposed it. */
  interruptedRunId: string;
  reviewId: string;
  summary: string;
  files: FileSummary[];
  outcome: ReviewOutcome;
  /** The interrupted run's executor session: the check is asked on its behalf, as it would have been. */
  sessionId?: string;
}

export interface TaskOutcome {
  runId: string;
  outcome: 'done' | 'reverted';
  reason?: string;
}

const OUTPUT_TAIL = 4000;

/** Stops a run with a reason for the log; thrown inside a run only. */
class RunFailed extends Error {}

export async function executeTask(env: RunnerEnv, request: TaskRequest): Promise<TaskOutcome> {
  const states = new TaskStateFile(env.ws);
  const doc = await states.read(request.specDir);
  const task = locateTask(doc, request.taskId);
  if (!task) throw new KeelError('NOT_FOUND', `Task ${request.taskId} is not in ${request.specDir}/tasks.md.`);
  const run = new TaskRun(env, states, request, task);
  return run.execute(doc);
}

class TaskRun {
  readonly runId: string;
  private readonly key: string;
  private readonly title: string;

  constructor(
    private readonly env: RunnerEnv,
    private readonly states: TaskStateFile,
    private readonly request: TaskRequest,
    private readonly task: Task,
  ) {
    this.runId = env.newId();
    this.key = taskKey(task);
    this.title = taskLabel(task);
  }

  async execute(doc: TasksDoc): Promise<TaskOutcome> {
    const { journal } = this.env;
    const group = this.isGroup;
    await journal.append({
      t: 'start',
      runId: this.runId,
      at: this.env.now(),
      specDir: this.request.specDir,
      taskId: this.key,
      title: this.title,
      mode: this.request.mode,
      kind: group ? 'group' : 'task',
      ...(this.request.parentRunId !== undefined ? { parentRunId: this.request.parentRunId } : {}),
      ...(this.request.batchId !== undefined ? { batchId: this.request.batchId } : {}),
    });
    this.phase('starting');
    try {
      await this.mark('inProgress');
      if (group) await this.runChildren();
      else await this.runLeaf(doc);
      this.phase('finishing');
      await this.mark('done');
      if (this.request.parentRunId === undefined) await this.tickFinishedParents();
      return await this.end('done');
    } catch (err) {
      const reason = this.request.signal.aborted ? stopReason(this.request.signal) : err instanceof Error ? err.message : String(err);
      await this.log(reason);
      // The user's own checkbox change during the run wins: only our `[-]` goes back to `[ ]`.
      await this.states.set(this.request.specDir, this.key, 'open', 'inProgress').catch((e: unknown) => this.log(`Could not reset the checkbox: ${String(e)}`));
      return this.end('reverted', reason);
    }
  }

  /** A change applied after a restart belongs to the leaf that proposed it, whatever tasks.md says now. */
  private get isGroup(): boolean {
    return !this.request.afterRestart && requiredChildren(this.task).length > 0;
  }

  private async runChildren(): Promise<void> {
    for (const child of this.task.children) {
      if (child.optional) continue;
      this.checkStopped();
      // Re-read: earlier sub-tasks changed the file and the user may have edited it.
      const current = locateTask(await this.states.read(this.request.specDir), taskKey(child));
      if (!current || !isPending(current)) continue;
      const outcome = await executeTask(this.env, { ...this.request, taskId: taskKey(current), parentRunId: this.runId });
      if (outcome.outcome !== 'done') throw new RunFailed(`Sub-task ${taskLabel(current)} was not completed: ${outcome.reason ?? 'no reason given'}`);
    }
  }

  /** A sub-task started on its own may be the last one its parent waited for: the parent is then done too. */
  private async tickFinishedParents(): Promise<void> {
    const doc = await this.states.read(this.request.specDir);
    let task = locateTask(doc, this.key);
    for (let parent = task && parentOf(doc, task); parent; parent = parentOf(doc, parent)) {
      if (!isPending(parent) || requiredChildren(parent).some((c) => c.state !== 'done')) return;
      const change = await this.states.set(this.request.specDir, taskKey(parent), 'done');
      if (change.changed) await this.log(`All sub-tasks of ${taskLabel(parent)} are done: ticked it too.`);
      task = parent;
    }
  }

  private async runLeaf(doc: TasksDoc): Promise<void> {
    if (this.request.afterRestart) return this.checkAppliedAfterRestart(doc, this.request.afterRestart);
    const { ws, executor } = this.env;
    const [steering, spec] = await Promise.all([readSteering(ws), readSpecFiles(ws, this.request.specDir)]);
    const context = buildTaskContext({ specDir: this.request.specDir, doc, task: this.task, steering, spec });
    // Hooks see the spec's name (`todo-priorities`) as Kiro's do, and the task's id and title.
    const hookTask = { spec: this.request.specDir.replace(/^.*\.kiro\/specs\//, ''), taskId: this.key, title: this.task.title.trim() };
    // A preTaskExecution hook may refuse the task (a Kiro 1.0 command's exit code 2): the task goes back to [ ].
    const gate = (await this.env.hooks?.taskExecution('pre', hookTask).catch(() => undefined)) as { allowed?: boolean; reason?: string } | undefined;
    if (gate?.allowed === false) throw new RunFailed(`Blocked by hook: ${gate.reason ?? 'a preTaskExecution hook refused the task'}`);

    this.phase('executing');
    const result = await executor.run({
      specDir: this.request.specDir,
      taskId: this.key,
      title: this.title,
      context,
      mode: this.request.mode,
      signal: this.request.signal,
      onEvent: (e) => void this.onExecutorEvent(e),
    });
    // Written alongside the review rather than before it: the file is Kiro's record, not a step of the run.
    const recorded = this.recordInTasksMeta(doc, result.sessionId);
    this.checkStopped();
    if (result.error || (result.stopReason !== 'end_turn' && result.stopReason !== 'stop_sequence')) {
      throw new RunFailed(`The executor did not finish (${result.stopReason}${result.error ? `: ${result.error}` : ''}).`);
    }
    if (result.text.trim()) await this.log(`Executor: ${result.text.trim()}`);

    if (this.request.mode === 'supervised') await this.review(result);
    else await this.recordAutopilot(result.written ?? []);

    await this.runCheck(doc, steering, result.sessionId);
    await this.env.hooks?.taskExecution('post', hookTask).catch(() => undefined);
    await recorded;
  }

  /** Kiro's run history beside tasks.md; one entry per executor run, the batch (if any) as Kiro's executionId. */
  private async recordInTasksMeta(doc: TasksDoc, sessionId: string): Promise<void> {
    const run = { executionId: this.request.batchId ?? this.runId, chatSessionId: sessionId, timestamp: Date.parse(this.env.now()) || Date.now() };
    const problem = await recordTaskExecution(this.env.ws, this.request.specDir, doc, this.task, run).catch((err: unknown) => String(err));
    if (problem) await this.log(problem).catch(() => undefined);
  }

  private async review(result: ExecutorResult): Promise<void> {
    const review = this.env.review;
    if (!review) throw new RunFailed('Change review is not available, so the change cannot be applied.');
    const summary = result.text.trim() || `Task ${this.title}`;
    let registered: { id: string; settled: Promise<ReviewOutcome> };
    let files: FileSummary[];
    if (result.review) {
      files = result.review.files;
      registered = { id: result.review.id, settled: review.whenSettled(result.review.id) };
    } else {
      const changeset = result.changeset;
      if (!changeset || changeset.list().length === 0) throw new RunFailed('The executor proposed no changes.');
      files = changeset.summary();
      registered = review.register({ changeset, source: { kind: 'task', sessionId: result.sessionId, specDir: this.request.specDir, taskId: this.key }, summary });
    }
    if (files.length === 0) throw new RunFailed('The executor proposed no changes.');
    await this.env.journal.append({ t: 'changeset', runId: this.runId, reviewId: registered.id, summary, files });
    await this.log(`Waiting for review of ${files.length} file${files.length === 1 ? '' : 's'}.`);
    this.phase('reviewing', registered.id);
    const outcome = await this.untilSettled(registered);
    await this.env.journal.append({ t: 'review', runId: this.runId, status: outcome.status, files: outcome.files });
    if (outcome.status === 'rejected' || outcome.status === 'discarded') throw new RunFailed(`The change was ${outcome.status} in review.`);
    const applied = outcome.files.reduce((n, f) => n + f.hunksApplied, 0);
    if (applied === 0) throw new RunFailed('No hunk of the change was applied.');
    await this.log(`Review ${outcome.status}: ${applied} hunk${applied === 1 ? '' : 's'} applied.`);
  }

  /**
   * Stop during review closes the review (nothing applied) instead of leaving it waiting, and journals that it was
   * discarded (the history would otherwise say "not decided"). The discard settles the review too: once stopping,
   * that settlement is ignored, so the run ends with the stop's reason and the outcome is recorded once.
   */
  private untilSettled(registered: { id: string; settled: Promise<ReviewOutcome> }): Promise<ReviewOutcome> {
    const { signal } = this.request;
    return new Promise<ReviewOutcome>((resolve, reject) => {
      let stopping = false;
      const onAbort = () => {
        stopping = true;
        void this.discardOnStop(registered.id).finally(() => reject(new RunFailed(stopReason(signal))));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      registered.settled.then(
        (o) => {
          signal.removeEventListener('abort', onAbort);
          if (!stopping) resolve(o);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (!stopping) reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private async discardOnStop(reviewId: string): Promise<void> {
    const outcome = await this.env.review?.discard(reviewId);
    if (outcome) await this.env.journal.append({ t: 'review', runId: this.runId, status: outcome.status, files: outcome.files }).catch(() => undefined);
  }

  /**
   * The change was reviewed and applied already (after the restart); what the interrupted run never got to is the
   * check. The changeset and its outcome are journaled on this run, so the history links the task to the files
   * (and drift detection sees them on a done run).
   */
  private async checkAppliedAfterRestart(doc: TasksDoc, change: AppliedAfterRestart): Promise<void> {
    const { journal } = this.env;
    await journal.append({ t: 'changeset', runId: this.runId, reviewId: change.reviewId, summary: change.summary, files: change.files });
    await journal.append({ t: 'review', runId: this.runId, status: change.outcome.status, files: change.outcome.files });
    const applied = change.outcome.files.reduce((n, f) => n + f.hunksApplied, 0);
    await this.log(
      `Applied after restart: the change the interrupted run left for review was ${change.outcome.status} (${applied} hunk${applied === 1 ? '' : 's'}). Running the task's check.`,
    );
    await this.runCheck(doc, await readSteering(this.env.ws), change.sessionId);
  }

  private async recordAutopilot(written: { path: string; kind: 'add' | 'modify' | 'delete'; added: number; removed: number }[]): Promise<void> {
    if (written.length === 0) throw new RunFailed('The executor made no changes.');
    await this.env.journal.append({ t: 'changeset', runId: this.runId, summary: 'Applied behind a checkpoint (Autopilot).', files: written });
    await this.log(`Autopilot applied ${written.length} file${written.length === 1 ? '' : 's'} behind a checkpoint.`);
  }

  private async runCheck(doc: TasksDoc, steering: { path: string; text: string }[], sessionId: string | undefined): Promise<void> {
    const check = checkFor(doc, this.task, steering);
    if (!check) {
      await this.log('No check command is named for this task (see the task details or steering); the accepted change completes it.');
      return;
    }
    if (!this.env.approval) throw new RunFailed(`The check \`${check.command}\` needs command approval, which is not available.`);
    this.phase('checking');
    const decision = await this.env.approval.ask(
      { command: check.command, cwd: this.env.ws.root, source: 'agent', ...(sessionId !== undefined ? { sessionId } : {}) },
      this.request.signal,
    );
    this.checkStopped();
    if (!decision.run) throw new RunFailed(`The check \`${check.command}\` was not run${decision.reason ? `: ${decision.reason}` : ''}.`);
    await this.log(`Running check \`${decision.command}\` (from ${check.source}).`);
    const result = await this.env.checks.run(decision.command, {
      signal: this.request.signal,
      onOutput: (chunk) => this.env.onCheckOutput?.({ runId: this.runId, specDir: this.request.specDir, taskId: this.key, chunk }),
    });
    this.checkStopped();
    const passed = result.exitCode === 0 && !result.error;
    await this.env.journal.append({
      t: 'check',
      runId: this.runId,
      command: decision.command,
      source: check.source,
      exitCode: result.exitCode,
      passed,
      output: result.output.slice(-OUTPUT_TAIL),
    });
    if (!passed) {
      const tail = result.output.trimEnd().split('\n').slice(-20).join('\n');
      if (tail) await this.log(`Output of \`${decision.command}\` (last lines):\n${tail}`);
      throw new RunFailed(`Check \`${decision.command}\` failed (${result.error ?? `exit code ${String(result.exitCode)}`}).`);
    }
    await this.log(`Check \`${decision.command}\` passed.`);
  }

  private async onExecutorEvent(e: ExecutorEvent): Promise<void> {
    const { journal } = this.env;
    if (e.type === 'session') await journal.append({ t: 'session', runId: this.runId, sessionId: e.sessionId });
    else if (e.type === 'usage') await journal.append({ t: 'usage', runId: this.runId, usage: e.usage, ...(e.modelId ? { modelId: e.modelId } : {}), ...(e.costUsd !== undefined ? { costUsd: e.costUsd } : {}) });
    else if (e.type === 'tool') await this.log(`${e.name}: ${e.summary}`);
  }

  private async mark(to: 'inProgress' | 'done'): Promise<void> {
    const change = await this.states.set(this.request.specDir, this.key, to);
    if (change.changed) await this.env.journal.append({ t: 'marked', runId: this.runId, from: change.from, to });
  }

  private async end(outcome: 'done' | 'reverted', reason?: string): Promise<TaskOutcome> {
    await this.env.journal.append({ t: 'end', runId: this.runId, at: this.env.now(), outcome, ...(reason !== undefined ? { reason } : {}) });
    this.env.onEnd({ runId: this.runId, specDir: this.request.specDir, taskId: this.key, kind: this.isGroup ? 'group' : 'task', outcome, ...(reason !== undefined ? { reason } : {}) });
    return { runId: this.runId, outcome, ...(reason !== undefined ? { reason } : {}) };
  }

  private async log(message: string): Promise<void> {
    await this.env.journal.append({ t: 'log', runId: this.runId, at: this.env.now(), message });
    this.env.onLog({ runId: this.runId, specDir: this.request.specDir, taskId: this.key, message });
  }

  private phase(phase: RunPhase, reviewId?: string): void {
    this.env.onPhase({
      runId: this.runId,
      ...(reviewId !== undefined ? { reviewId } : {}),
      specDir: this.request.specDir,
      taskId: this.key,
      title: this.title,
      phase,
      ...(this.request.parentRunId !== undefined ? { parentRunId: this.request.parentRunId } : {}),
    });
  }

  private checkStopped(): void {
    if (this.request.signal.aborted) throw new RunFailed(stopReason(this.request.signal));
  }
}

/** Why a run was aborted: the user's Stop, or the reason given to `abort` (the folder closing). */
export function stopReason(signal: AbortSignal): string {
  return signal.reason instanceof StopRequest ? signal.reason.message : 'Stopped by the user.';
}

/** The reason passed to `abort` when a run stops for something other than the user's Stop. */
export class StopRequest extends Error {}
