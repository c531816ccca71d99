/**
 * Folds journal records into what the run history shows per task, and finds the runs a crash left open. Pure, so
 * recovery and history are tested without a disk.
 */
import type { FileSummary, JournalRecord, ReviewFile, RunMode, RunOutcome, Usage } from './journal-records';

export interface CheckResult {
  command: string;
  source: string;
  exitCode: number | null;
  passed: boolean;
  output: string;
}

export interface RunSummary {
  runId: string;
  specDir: string;
  taskId: string;
  title: string;
  mode: RunMode;
  kind: 'task' | 'group';
  parentRunId?: string;
  batchId?: string;
  startedAt: string;
  endedAt?: string;
  /** Undefined while running (or when the process died: see `findUnfinished`). */
  outcome?: RunOutcome;
  reason?: string;
  sessions: string[];
  changesets: { reviewId?: string; summary: string; files: FileSummary[] }[];
  review?: { status: 'applied' | 'partial' | 'rejected' | 'discarded'; files: ReviewFile[] };
  /** Files this run changed on disk: accepted hunks (Supervised) or every written file (Autopilot). */
  filesChanged: string[];
  usage: Usage;
  costUsd?: number;
  checks: CheckResult[];
  log: { at: string; message: string }[];
  /** Checkbox changes Keel made, in order. */
  marks: { from: string; to: string }[];
}

export interface BatchSummary {
  batchId: string;
  specDir: string;
  mode: RunMode;
  startedAt: string;
  status?: 'finished' | 'stopped' | 'failed' | 'interrupted';
}

const zero = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

export function foldRuns(records: readonly JournalRecord[]): { runs: RunSummary[]; batches: BatchSummary[] } {
  const runs = new Map<string, RunSummary>();
  const batches = new Map<string, BatchSummary>();
  for (const r of records) {
    if (r.t === 'batchStart') {
      batches.set(r.batchId, { batchId: r.batchId, specDir: r.specDir, mode: r.mode, startedAt: r.at });
      continue;
    }
    if (r.t === 'batchEnd') {
      const b = batches.get(r.batchId);
      if (b) b.status = r.status;
      continue;
    }
    if (r.t === 'start') {
      runs.set(r.runId, {
        runId: r.runId,
        specDir: r.specDir,
        taskId: r.taskId,
        title: r.title,
        mode: r.mode,
        kind: r.kind,
        ...(r.parentRunId !== undefined ? { parentRunId: r.parentRunId } : {}),
        ...(r.batchId !== undefined ? { batchId: r.batchId } : {}),
        startedAt: r.at,
        sessions: [],
        changesets: [],
        filesChanged: [],
        usage: zero(),
        checks: [],
        log: [],
        marks: [],
      });
      continue;
    }
    const run = runs.get(r.runId);
    if (!run) continue; // a record whose start was torn: nothing to attach it to
    switch (r.t) {
      case 'marked':
        run.marks.push({ from: r.from, to: r.to });
        break;
      case 'session':
        run.sessions.push(r.sessionId);
        break;
      case 'usage':
        run.usage = addUsage(run.usage, r.usage);
        if (r.costUsd !== undefined) run.costUsd = (run.costUsd ?? 0) + r.costUsd;
        break;
      case 'changeset':
        run.changesets.push({ ...(r.reviewId !== undefined ? { reviewId: r.reviewId } : {}), summary: r.summary, files: r.files });
        if (run.mode === 'autopilot') addFiles(run, r.files.map((f) => f.path));
        break;
      case 'review':
        run.review = { status: r.status, files: r.files };
        addFiles(run, r.files.filter((f) => f.hunksApplied > 0).map((f) => f.path));
        break;
      case 'check':
        run.checks.push({ command: r.command, source: r.source, exitCode: r.exitCode, passed: r.passed, output: r.output });
        break;
      case 'log':
        run.log.push({ at: r.at, message: r.message });
        break;
      case 'end':
        run.outcome = r.outcome;
        run.endedAt = r.at;
        if (r.reason !== undefined) run.reason = r.reason;
        break;
    }
  }
  return { runs: [...runs.values()], batches: [...batches.values()] };
}

/** Runs with a start and no end: their process died (recovery runs before any new run starts). */
export function findUnfinished(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((r) => r.outcome === undefined);
}

/** The newest Run all of a spec that neither finished nor was stopped: offered as "Resume Run all". */
export function interruptedBatch(batches: readonly BatchSummary[], specDir?: string): BatchSummary | undefined {
  const open = batches.filter((b) => (b.status === undefined || b.status === 'interrupted') && (specDir === undefined || b.specDir === specDir));
  return open[open.length - 1];
}

export function runsOfTask(runs: readonly RunSummary[], specDir: string, taskId: string): RunSummary[] {
  return runs.filter((r) => r.specDir === specDir && r.taskId === taskId);
}

function addFiles(run: RunSummary, paths: string[]): void {
  for (const p of paths) if (!run.filesChanged.includes(p)) run.filesChanged.push(p);
}

function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}
