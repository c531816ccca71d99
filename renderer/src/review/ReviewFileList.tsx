import type { HunkDecision, ReviewFile, ReviewHunk } from '../../../protocol';
import { Icon } from '../workbench/icons';

export interface ReviewFileListProps {
  files: ReviewFile[];
  selected: number;
  current: number | null;
  pending: boolean;
  onSelect(file: number, hunk: number | null): void;
  onDecide(decision: HunkDecision, path: string, hunk?: number): void;
}

const KIND_LABEL = { add: 'A', modify: 'M', delete: 'D' } as const;
const KIND_TITLE = { add: 'Added', modify: 'Modified', delete: 'Deleted' } as const;

/** Once the review is settled, a hunk nobody decided was simply not applied ("undecided" would suggest a choice left). */
export function fileState(file: Pick<ReviewFile, 'hunks'>, pending = true): string {
  const accepted = file.hunks.filter((h) => h.decision === 'accepted').length;
  const rejected = file.hunks.filter((h) => h.decision === 'rejected').length;
  if (file.hunks.length === 0) return 'no changes';
  if (accepted === file.hunks.length) return 'accepted';
  if (rejected === file.hunks.length) return 'rejected';
  if (accepted + rejected === 0) return pending ? 'undecided' : 'not applied';
  return `${accepted} of ${file.hunks.length} accepted`;
}

export function hunkLabel(h: ReviewHunk): string {
  if (h.proposedLines === 0) return `Removes line${h.originalLines > 1 ? 's' : ''} ${range(h.originalStart, h.originalLines)}`;
  if (h.originalLines === 0) return `Adds line${h.proposedLines > 1 ? 's' : ''} ${range(h.proposedStart, h.proposedLines)}`;
  return `Changes line${h.proposedLines > 1 ? 's' : ''} ${range(h.proposedStart, h.proposedLines)}`;
}

function range(start: number, lines: number): string {
  return lines > 1 ? `${start}–${start + lines - 1}` : `${start}`;
}

/** Accept / Reject toggles: pressing the active one again makes the item undecided. */
function DecisionButtons(props: { decision: HunkDecision | 'mixed'; label: string; disabled: boolean; onDecide(d: HunkDecision): void }) {
  const { decision, label, disabled, onDecide } = props;
  return (
    <span className="review-decision">
      <button
        className={`review-icon-button accept${decision === 'accepted' ? ' on' : ''}`}
        aria-pressed={decision === 'accepted'}
        aria-label={`Accept ${label}`}
        title={`Accept ${label}`}
        disabled={disabled}
        onClick={(e) => {
          e.stopPropagation();
          onDecide(decision === 'accepted' ? 'pending' : 'accepted');
        }}
      >
        ✓
      </button>
      <button
        className={`review-icon-button reject${decision === 'rejected' ? ' on' : ''}`}
        aria-pressed={decision === 'rejected'}
        aria-label={`Reject ${label}`}
        title={`Reject ${label}`}
        disabled={disabled}
        onClick={(e) => {
          e.stopPropagation();
          onDecide(decision === 'rejected' ? 'pending' : 'rejected');
        }}
      >
        ✕
      </button>
    </span>
  );
}

function fileDecision(file: ReviewFile): HunkDecision | 'mixed' {
  const first = file.hunks[0]?.decision ?? 'pending';
  return file.hunks.every((h) => h.decision === first) ? first : 'mixed';
}

/** Changed files with +/− counts and a per-file decision; the selected file's hunks below it. */
export function ReviewFileList({ files, selected, current, pending, onSelect, onDecide }: ReviewFileListProps) {
  return (
    <div className="review-files" role="tree" aria-label="Changed files">
      {files.map((file, i) => {
        const name = file.path.split('/').pop() ?? file.path;
        const dir = file.path.slice(0, file.path.length - name.length).replace(/\/$/, '');
        return (
          <div key={file.path} role="treeitem" aria-selected={i === selected} aria-expanded={i === selected}>
            <div
              className={`review-file${i === selected ? ' selected' : ''}`}
              data-testid="review-file"
              data-path={file.path}
              onClick={() => onSelect(i, null)}
              onKeyDown={(e) => e.key === 'Enter' && onSelect(i, null)}
              tabIndex={0}
              title={file.path}
            >
              <span className={`review-kind ${file.kind}`} title={KIND_TITLE[file.kind]}>
                {KIND_LABEL[file.kind]}
              </span>
              <span className="review-file-name">{name}</span>
              {dir && <span className="review-file-dir">{dir}</span>}
              {file.changedOnDisk && pending && (
                <span className="review-file-conflict" title="Changed on disk since the agent read it">
                  <Icon name="warning" size={14} />
                </span>
              )}
              <span className="review-counts">
                <span className="added">+{file.added}</span> <span className="removed">−{file.removed}</span>
              </span>
              {pending && file.hunks.length > 0 && (
                <DecisionButtons decision={fileDecision(file)} label={`all of ${file.path}`} disabled={false} onDecide={(d) => onDecide(d, file.path)} />
              )}
            </div>
            {i === selected && (
              <div className="review-hunks" role="group">
                <div className="review-file-state">{fileState(file, pending)}</div>
                {file.hunks.map((h) => (
                  <div
                    key={h.index}
                    className={`review-hunk ${h.decision}${h.index === current ? ' current' : ''}`}
                    data-testid="review-hunk"
                    data-decision={h.decision}
                    onClick={() => onSelect(i, h.index)}
                    onKeyDown={(e) => e.key === 'Enter' && onSelect(i, h.index)}
                    tabIndex={0}
                  >
                    <span className={`review-hunk-dot ${h.decision}`} aria-hidden="true" />
                    <span className="review-hunk-label">{hunkLabel(h)}</span>
                    <span className="review-counts">
                      <span className="added">+{h.proposedLines}</span> <span className="removed">−{h.originalLines}</span>
                    </span>
                    {pending && (
                      <DecisionButtons decision={h.decision} label={`hunk ${h.index + 1}`} disabled={false} onDecide={(d) => onDecide(d, file.path, h.index)} />
                    )}
                  </div>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
