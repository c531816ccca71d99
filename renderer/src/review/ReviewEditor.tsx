import { useEffect, useState } from 'react';
import type { ReviewDetail } from '../../../protocol';
import { Icon } from '../workbench/icons';
import { ConflictView } from './ConflictView';
import { nameReview, reviewIdOf, useReviewFocus } from './openReview';
import { ReviewDiff } from './ReviewDiff';
import { reviewTitle, sourceLabel } from './reviewSource';
import { hunkLabel, ReviewFileList } from './ReviewFileList';
import { nextUndecided, registerReviewController, stepHunk, type HunkPos } from './reviewNav';
import { useReview } from './useReview';
import './review.css';

const STATUS_TEXT: Record<ReviewDetail['status'], string> = {
  pending: 'Pending review',
  applied: 'Applied',
  partial: 'Partly applied',
  rejected: 'Rejected',
  discarded: 'Discarded',
};

/** The review editor (tab `review:<id>`): the agent's summary, the changed files, one diff, and the decisions. */
export default function ReviewEditor({ tab }: { tab: string }) {
  const id = reviewIdOf(tab);
  const review = useReview(id);
  const { detail } = review;
  const [selected, setSelected] = useState(0);
  const [current, setCurrent] = useState<number | null>(null);
  const [threeWay, setThreeWay] = useState(false);

  // A tab opened without a title (the chat pane's link, a restored tab) is named once the review is known.
  if (detail) nameReview(id, reviewTitle(detail.source));

  const files = detail?.files ?? [];
  const file = files[Math.min(selected, Math.max(0, files.length - 1))];
  const pending = detail?.status === 'pending';

  const go = (pos: HunkPos | null) => {
    if (!pos) return;
    if (pos.file !== selected) setThreeWay(false);
    setSelected(pos.file);
    setCurrent(pos.hunk);
  };

  useEffect(() =>
    registerReviewController(tab, {
      step: (direction) => go(stepHunk(files, { file: selected, hunk: current ?? -1 }, direction)),
      decideCurrent: (decision) => {
        const hunk = current ?? (file?.hunks.length === 1 ? 0 : null);
        if (!pending || !file || hunk === null) return;
        void review.decide(decision, file.path, hunk);
        const after = files.map((f, i) => (i !== selected ? f : { hunks: f.hunks.map((h) => (h.index === hunk ? { decision } : h)) }));
        go(nextUndecided(after, { file: selected, hunk }) ?? { file: selected, hunk });
      },
    }),
  );

  // openReview(id, path): select that file once the review is loaded (also when the tab was already open).
  const focusRequest = useReviewFocus((s) => s.requests[id]);
  useEffect(() => {
    if (focusRequest === undefined || !detail) return;
    const path = useReviewFocus.getState().take(id);
    const at = detail.files.findIndex((f) => f.path === path);
    if (at >= 0) {
      setSelected(at);
      setCurrent(null);
      setThreeWay(false);
    }
  }, [focusRequest, detail, id]);

  // The first Apply that hit a conflict jumps to that file.
  useEffect(() => {
    const first = review.conflicts[0];
    if (!first) return;
    const at = files.findIndex((f) => f.path === first.path);
    if (at >= 0) {
      setSelected(at);
      setThreeWay(true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [review.conflicts]);

  if (review.error && !detail) {
    return (
      <div className="review-message" data-testid="review-error">
        <p>This change review cannot be shown.</p>
        <p className="editor-message-detail">{review.error}</p>
      </div>
    );
  }
  if (!detail) return <div className="editor-loading" aria-busy="true" />;

  const accepted = detail.hunks.accepted;
  const undecided = detail.hunks.pending;
  const hunk = file && current !== null ? file.hunks[current] : undefined;
  return (
    <div className="review" data-testid="review" data-status={detail.status}>
      <header className="review-header">
        <div className="review-title-row">
          <h2 className="review-title">
            {detail.fileCount} file{detail.fileCount === 1 ? '' : 's'} changed
            <span className="review-counts">
              <span className="added">+{detail.added}</span> <span className="removed">−{detail.removed}</span>
            </span>
          </h2>
          <span className="review-source" data-testid="review-source">
            {sourceLabel(detail.source)}
          </span>
          <span className={`review-status ${detail.status}`} data-testid="review-status">
            {detail.reverted ? 'Reverted' : STATUS_TEXT[detail.status]}
            {detail.outcome && !detail.reverted && detail.status !== 'discarded' && detail.status !== 'rejected'
              ? ` · ${detail.outcome.files.reduce((n, f) => n + f.hunksApplied, 0)} of ${detail.hunks.total} hunks`
              : ''}
          </span>
        </div>
        {detail.summary && (
          <p className="review-summary" data-testid="review-summary">
            {detail.summary}
          </p>
        )}
        {detail.recovered && (
          <div className="editor-bar info review-recovered" role="status">
            <Icon name="info" className="editor-bar-icon" />
            <span className="editor-bar-message">This change was waiting for review when Keel stopped. Apply what you want of it, or discard it.</span>
          </div>
        )}
        <div className="review-actions">
          {pending ? (
            <>
              <button className="button secondary" disabled={review.busy} onClick={() => void review.decide('accepted')} data-testid="review-accept-all">
                Accept All
              </button>
              <button className="button secondary" disabled={review.busy} onClick={() => void review.decide('rejected')} data-testid="review-reject-all">
                Reject All
              </button>
              <span className="review-spacer" />
              {undecided > 0 && accepted > 0 && <span className="review-hint">{undecided} undecided hunk{undecided === 1 ? '' : 's'} will be left out</span>}
              <button className="button secondary" disabled={review.busy} onClick={() => void review.discard()} data-testid="review-discard">
                Discard
              </button>
              <button
                className="button primary"
                disabled={review.busy || accepted === 0}
                onClick={() => void review.apply()}
                data-testid="review-apply"
                title={accepted === 0 ? 'Accept at least one hunk first' : 'Write every accepted hunk at once'}
              >
                Apply {accepted} Hunk{accepted === 1 ? '' : 's'}
              </button>
            </>
          ) : (
            <>
              <span className="review-spacer" />
              {detail.canRevert && (
                <button className="button secondary" disabled={review.busy} onClick={() => void review.revert()} data-testid="review-revert">
                  Revert
                </button>
              )}
            </>
          )}
        </div>
      </header>
      {files.length === 0 ? (
        <div className="review-message">No file changes.</div>
      ) : (
        <div className="review-body">
          <ReviewFileList
            files={files}
            selected={selected}
            current={current}
            pending={pending}
            onSelect={(f, h) => {
              if (f !== selected) setThreeWay(false);
              setSelected(f);
              setCurrent(h);
            }}
            onDecide={(decision, path, h) => void review.decide(decision, path, h)}
          />
          {file && (
            <div className="review-file-pane">
              {pending && file.changedOnDisk && (
                <div className="editor-bar conflict" role="alert" data-testid="review-conflict">
                  <Icon name="warning" className="editor-bar-icon" />
                  <span className="editor-bar-message">Changed on disk during review — Apply won’t overwrite it.</span>
                  <button className="button secondary" aria-pressed={threeWay} onClick={() => setThreeWay(!threeWay)} data-testid="review-three-way">
                    {threeWay ? 'Show Proposal' : 'Compare Three Ways'}
                  </button>
                  <button className="button primary" disabled={review.busy} onClick={() => void review.resolveConflict(file.path, 'rebase').then(() => setThreeWay(false))} data-testid="review-rebase">
                    Merge onto Disk Version
                  </button>
                  <button className="button secondary" disabled={review.busy} onClick={() => void review.resolveConflict(file.path, 'keepDisk').then(() => setThreeWay(false))} data-testid="review-keep-disk">
                    Keep Disk Version
                  </button>
                </div>
              )}
              {file.note && (
                <div className="editor-bar info">
                  <Icon name="info" className="editor-bar-icon" />
                  <span className="editor-bar-message">{file.note}</span>
                </div>
              )}
              {pending && file.hunks.length > 0 && !threeWay && (
                <div className="review-hunk-bar" data-testid="review-hunk-bar">
                  <span className="review-hunk-bar-label" title={file.kind === 'delete' ? undefined : 'The proposed side is editable: your edit is what gets applied.'}>
                    {hunk ? `Hunk ${hunk.index + 1} of ${file.hunks.length} · ${hunkLabel(hunk)} · ${hunk.decision === 'pending' ? 'undecided' : hunk.decision}` : `${file.hunks.length} hunk${file.hunks.length === 1 ? '' : 's'} — Alt+F5 goes to the next`}
                  </span>
                  <button className="button secondary" title="Previous Change (Shift+Alt+F5)" onClick={() => go(stepHunk(files, { file: selected, hunk: current ?? -1 }, -1))}>
                    ↑
                  </button>
                  <button className="button secondary" title="Next Change (Alt+F5)" onClick={() => go(stepHunk(files, { file: selected, hunk: current ?? -1 }, 1))}>
                    ↓
                  </button>
                  {hunk && (
                    <>
                      <button className="button secondary" title="Accept Hunk (Alt+Y)" onClick={() => void review.decide('accepted', file.path, hunk.index)} data-testid="review-hunk-accept">
                        Accept Hunk
                      </button>
                      <button className="button secondary" title="Reject Hunk (Alt+N)" onClick={() => void review.decide('rejected', file.path, hunk.index)} data-testid="review-hunk-reject">
                        Reject Hunk
                      </button>
                    </>
                  )}
                </div>
              )}
              <div className="review-diff">
                {threeWay && pending ? (
                  <ConflictView reviewId={id} path={file.path} known={review.conflicts.find((c) => c.path === file.path)} />
                ) : (
                  <ReviewDiff
                    reviewId={id}
                    file={file}
                    editable={pending}
                    current={current}
                    onEdit={(text) => review.editProposed(file.path, text)}
                    onCursorHunk={setCurrent}
                    setFlush={review.setFlush}
                  />
                )}
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
