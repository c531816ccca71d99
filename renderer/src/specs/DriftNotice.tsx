import type { DriftFinding } from '../../../protocol';
import { driftKey, driftReasons, driftSummary, markDriftReviewed, useDrift } from './driftStore';

interface Props {
  specDir: string;
  taskId: string;
  findings: readonly DriftFinding[];
  /** Sets the task back to `[ ]` in tasks.md (the Tasks tree's own edit, so Ctrl+Z undoes it). */
  onReopen?: () => void;
  readOnly?: boolean;
}

/**
 * The drift of one done task, where the task is shown: what changed since it was done (every reason on hover and
 * listed for screen readers), and the two ways out — re-open the task, or mark the change reviewed.
 */
export function DriftNotice({ specDir, taskId, findings, onReopen, readOnly }: Props) {
  const busy = useDrift((s) => s.reviewing.has(driftKey(specDir, taskId)));
  if (findings.length === 0) return null;
  return (
    <div className="drift-notice" role="note" data-testid="drift-notice" data-task-id={taskId} title={driftReasons(findings)}>
      <span className="drift-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="drift-text">
        <strong>Drift</strong> — {driftSummary(findings)}
      </span>
      <ul className="sr-only">
        {findings.map((f, i) => (
          <li key={i}>{f.message}</li>
        ))}
      </ul>
      <span className="drift-actions">
        {onReopen && (
          <button className="button secondary small" data-testid="drift-reopen" disabled={readOnly} title={`Set task ${taskId} back to not started ([ ]) in tasks.md`} onClick={onReopen}>
            Re-open task
          </button>
        )}
        <button
          className="button secondary small"
          data-testid="drift-reviewed"
          disabled={busy}
          title="The change is fine: clear this warning until these files or requirements change again (recorded in .kiro/keel/drift-reviewed.json — commit it so CI agrees)"
          onClick={() => void markDriftReviewed(specDir, taskId)}
        >
          Mark reviewed
        </button>
      </span>
    </div>
  );
}
