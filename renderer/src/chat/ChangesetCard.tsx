import { useState } from 'react';
import { getServices } from '../app/services';
import { openReview } from '../review/openReview';
import { useTabs } from '../state/tabs';
import type { ChatItem } from './model';
import { messageOf } from './chatController';

const STATUS_TEXT: Record<string, string> = {
  applying: 'Applying…',
  applied: 'Applied',
  partial: 'Partly applied',
  rejected: 'Rejected',
  discarded: 'Discarded',
};

/**
 * The turn's file changes with per-file +/- counts. Supervised: Review opens the diff, Accept all / Reject all
 * settle it through the review service (the same decisions as in the review tab). Autopilot: already on disk.
 */
export function ChangesetCard({ item }: { item: Extract<ChatItem, { kind: 'changeset' }> }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const added = item.files.reduce((n, f) => n + f.added, 0);
  const removed = item.files.reduce((n, f) => n + f.removed, 0);
  const pending = item.status === 'pending' && !item.applied;
  const { client } = getServices();

  const act = async (what: 'accept' | 'reject') => {
    setBusy(true);
    setProblem(null);
    try {
      if (what === 'reject') {
        await client.request('changes/reject', { id: item.changesetId });
        return;
      }
      const result = await client.request('changes/apply', { id: item.changesetId, acceptAll: true });
      if (!result.applied) {
        const paths = result.conflicts.map((c) => c.path).join(', ');
        setProblem(
          paths
            ? `Nothing was written: ${paths} changed on disk since the agent read ${result.conflicts.length > 1 ? 'them' : 'it'}. Open Review to compare and resolve.`
            : 'Nothing was written. Open Review to see why.',
        );
      }
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const status = item.applied && item.status === 'pending' ? 'Applied (Autopilot)' : STATUS_TEXT[item.status];
  return (
    <div className="chat-changes" data-testid="chat-changeset" data-changeset-id={item.changesetId} data-status={item.applied ? 'applied' : item.status}>
      <div className="chat-changes-head">
        <span className="chat-changes-title">
          {item.files.length} {item.files.length === 1 ? 'file' : 'files'} changed
        </span>
        <span className="count-added">+{added}</span>
        <span className="count-removed">−{removed}</span>
        {status && <span className="chat-changes-status">{status}</span>}
      </div>
      <ul className="chat-changes-files">
        {item.files.map((f) => (
          <li key={f.path} data-testid="chat-changeset-file" data-path={f.path}>
            <button
              className="chat-changes-file"
              // Supervised: that file's diff in the review. Autopilot: the change is on disk (there is no review to
              // open; the prompt's checkpoint undoes it), so the file itself opens.
              title={item.applied ? (f.kind === 'delete' ? `${f.path} was deleted` : `Open ${f.path}`) : `Review ${f.path}`}
              disabled={item.applied && f.kind === 'delete'}
              onClick={() => (item.applied ? useTabs.getState().open(f.path) : openReview(item.changesetId, f.path))}
            >
              <span className={`chat-file-kind kind-${f.kind}`} title={f.kind === 'add' ? 'new file' : f.kind === 'delete' ? 'deleted' : 'modified'}>
                {f.kind === 'add' ? 'A' : f.kind === 'delete' ? 'D' : 'M'}
              </span>
              <span className="chat-changes-path">{f.path}</span>
              <span className="count-added">+{f.added}</span>
              <span className="count-removed">−{f.removed}</span>
            </button>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="chat-changes-problem" role="alert">
          {problem}
        </p>
      )}
      {!item.applied && (
        <div className="chat-changes-actions">
          <button className="button secondary" data-testid="chat-review" onClick={() => openReview(item.changesetId)}>
            Review
          </button>
          {pending && (
            <>
              <button className="button primary" data-testid="chat-accept-all" disabled={busy} onClick={() => void act('accept')}>
                Accept all
              </button>
              <button className="button secondary" data-testid="chat-reject-all" disabled={busy} onClick={() => void act('reject')}>
                Reject all
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
