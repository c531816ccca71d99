import { useEffect, useState } from 'react';
import type { ActiveRun, BatchProgress, RunnerStatus, TaskRunSummary } from '../../../protocol';
import { getServices } from '../app/services';
import { openReview } from '../review/openReview';
import { reviewTitle } from '../review/reviewSource';
import { notifyError } from '../state/notifications';
import { resumeInterrupted } from './taskActions';
import { changeText, reviewOf } from './historyText';
import { phaseText, specName } from './phase';
import { logKey, useTasks } from './tasksStore';
import './tasks.css';

const request = (channel: 'tasks/pause' | 'tasks/resume' | 'tasks/stop' | 'tasks/dismissInterrupted') =>
  void getServices()
    .client.request(channel, {})
    .catch((err: unknown) => notifyError('The task runner did not answer', err));

/** The bottom panel's "Tasks" tab: Run all progress with pause/stop, the running task, and a task's run log. */
export default function RunPanel() {
  const { status, selected } = useTasks();
  return (
    <div className="task-run-panel" data-testid="task-run-panel">
      {status?.interrupted && <Interrupted batch={status.interrupted} />}
      {status && status.recovered.length > 0 && <Recovered status={status} />}
      {status?.batch && <Batch batch={status.batch} />}
      {status?.active.map((run) => <Active key={run.runId} run={run} />)}
      {!status?.busy && !status?.batch && <div className="task-idle">No task is running. Start one from the Tasks view, the code lens in tasks.md or the command palette.</div>}
      {selected && <RunLog specDir={selected.specDir} taskId={selected.taskId} />}
    </div>
  );
}

function Batch({ batch }: { batch: BatchProgress }) {
  const over = batch.state === 'finished' || batch.state === 'stopped' || batch.state === 'failed';
  const pct = batch.total === 0 ? 100 : Math.round((batch.done / batch.total) * 100);
  const label = {
    running: batch.current ? `Running ${batch.current}` : 'Running',
    pausing: 'Pausing after the current task',
    paused: 'Paused',
    stopping: 'Stopping',
    finished: 'Finished',
    stopped: 'Stopped',
    failed: 'Stopped at a task that did not finish',
  }[batch.state];
  return (
    <div className="task-batch" data-testid="task-batch" data-state={batch.state}>
      <div className="task-batch-line">
        <span className="task-batch-title">Run all · {specName(batch.specDir)} · {batch.mode === 'autopilot' ? 'Autopilot' : 'Supervised'}</span>
        <span className="task-batch-count" data-testid="task-batch-count">
          {batch.done}/{batch.total}
        </span>
        <span className="task-batch-label">{label}</span>
        <span className="panel-spacer" />
        {batch.state === 'running' && (
          <button className="button secondary" data-testid="task-pause" onClick={() => request('tasks/pause')}>
            Pause
          </button>
        )}
        {(batch.state === 'paused' || batch.state === 'pausing') && (
          <button className="button secondary" data-testid="task-resume" onClick={() => request('tasks/resume')}>
            Resume
          </button>
        )}
        {!over && batch.state !== 'stopping' && (
          <button className="button secondary" data-testid="task-stop" onClick={() => request('tasks/stop')}>
            Stop
          </button>
        )}
      </div>
      <div className="task-progress" role="progressbar" aria-valuemin={0} aria-valuemax={batch.total} aria-valuenow={batch.done}>
        <div className="task-progress-bar" style={{ width: `${pct}%` }} />
      </div>
      {batch.reason && over && <div className="task-reason">{batch.reason}</div>}
    </div>
  );
}

function Active({ run }: { run: ActiveRun }) {
  const nested = run.parentRunId !== undefined;
  return (
    <div className="task-active" data-testid="task-active" data-phase={run.phase} data-task={run.taskId}>
      <span className="task-spinner" aria-hidden />
      <span className="task-active-title">{run.title}</span>
      <span className="task-active-phase">— {phaseText(run)}</span>
      <span className="panel-spacer" />
      {run.reviewId && (
        <button className="button primary" data-testid="task-open-review" onClick={() => openReview(run.reviewId!, undefined, reviewTitle({ kind: 'task', taskId: run.taskId }))}>
          Open Review
        </button>
      )}
      {!nested && (
        <button className="button secondary" data-testid="task-stop-run" onClick={() => request('tasks/stop')}>
          Stop
        </button>
      )}
    </div>
  );
}

function Interrupted({ batch }: { batch: NonNullable<RunnerStatus['interrupted']> }) {
  return (
    <div className="task-banner" data-testid="task-interrupted">
      Run all of {specName(batch.specDir)} was interrupted when Keel stopped. Tasks left in progress were put back to [ ].
      <span className="panel-spacer" />
      <button className="button primary" data-testid="task-resume-interrupted" onClick={() => void resumeInterrupted(getServices(), batch)}>
        Resume
      </button>
      <button className="button secondary" onClick={() => request('tasks/dismissInterrupted')}>
        Dismiss
      </button>
    </div>
  );
}

function Recovered({ status }: { status: RunnerStatus }) {
  const reset = status.recovered.filter((r) => r.reset);
  if (reset.length === 0) return null;
  const waiting = reset.filter((r) => r.pendingReviewId !== undefined);
  return (
    <div className="task-banner" data-testid="task-recovered">
      <span>
        Keel stopped during a run; put back to [ ]: {reset.map((r) => r.title).join(', ')}.
        {waiting.length > 0 && (
          <span data-testid="task-recovered-review">
            {' '}
            {waiting.length === 1 ? 'Its change is' : 'Their changes are'} waiting for review; applying {waiting.length === 1 ? 'it' : 'one'} runs the
            task&apos;s check.
          </span>
        )}
      </span>
      <span className="panel-spacer" />
      {waiting.map((r) => (
        <button
          key={r.runId}
          className="button secondary"
          data-testid="task-recovered-open-review"
          onClick={() => openReview(r.pendingReviewId!, undefined, reviewTitle({ kind: 'task', taskId: r.taskId }))}
        >
          {waiting.length === 1 ? 'Review' : `Review ${r.taskId}`}
        </button>
      ))}
    </div>
  );
}

function RunLog({ specDir, taskId }: { specDir: string; taskId: string }) {
  const live = useTasks((s) => s.logs[logKey(specDir, taskId)]);
  const received = useTasks((s) => s.logCount[logKey(specDir, taskId)] ?? 0);
  const output = useTasks((s) => s.output[logKey(specDir, taskId)]);
  const checking = useTasks((s) => s.status?.active.some((r) => r.specDir === specDir && r.taskId === taskId && r.phase === 'checking') ?? false);
  const [runs, setRuns] = useState<TaskRunSummary[] | null>(null);
  const active = useTasks((s) => s.status?.active.length ?? 0);
  useEffect(() => {
    let cancelled = false;
    getServices()
      .client.request('tasks/history', { specDir, taskId })
      .then((r) => !cancelled && setRuns(r.runs))
      .catch(() => !cancelled && setRuns([]));
    return () => {
      cancelled = true;
    };
    // `received`, not the capped line list's length: after 200 lines the length stops changing.
  }, [specDir, taskId, active, received]);
  const last = runs?.[0];
  return (
    <div className="task-log" data-testid="task-log">
      <div className="task-log-title">
        Run log · task {taskId} · {specName(specDir)}
      </div>
      {last?.log.map((l, i) => (
        <div key={i} className="task-log-line">
          {l.message}
        </div>
      ))}
      {!last && live?.map((line, i) => (
        <div key={i} className="task-log-line">
          {line}
        </div>
      ))}
      {checking && output && (
        <pre className="task-check-output" data-testid="task-check-output">
          {output}
        </pre>
      )}
      {runs && runs.length > 0 && <History runs={runs} />}
    </div>
  );
}

function History({ runs }: { runs: TaskRunSummary[] }) {
  return (
    <table className="task-history" data-testid="task-history">
      <thead>
        <tr>
          <th>Started</th>
          <th>Outcome</th>
          <th>Change</th>
          <th>Files</th>
          <th>Checks</th>
          <th>Tokens</th>
          <th>Cost</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.runId} data-outcome={r.outcome ?? 'running'} title={r.reason}>
            <td>{new Date(r.startedAt).toLocaleString()}</td>
            <td>{r.outcome === undefined ? 'running' : r.outcome === 'done' ? 'done' : `${r.outcome}: ${r.reason ?? ''}`}</td>
            <td>
              {reviewOf(r) ? (
                <button className="task-history-link" data-testid="task-history-review" title="Open this run's review" onClick={() => openReview(reviewOf(r)!, undefined, reviewTitle({ kind: 'task', taskId: r.taskId }))}>
                  {changeText(r)}
                </button>
              ) : (
                changeText(r)
              )}
            </td>
            <td>{r.filesChanged.join(', ') || '—'}</td>
            <td>{r.checks.map((c) => `${c.command} ${c.passed ? '✓' : `✗ (${c.exitCode ?? '-'})`}`).join('; ') || '—'}</td>
            <td>{r.usage.inputTokens + r.usage.cacheReadTokens + r.usage.cacheWriteTokens} in / {r.usage.outputTokens} out</td>
            <td>{r.costUsd === undefined ? '—' : `$${r.costUsd.toFixed(4)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
