import { getServices } from '../app/services';
import type { DocMeta } from '../state/documents';
import { Icon } from '../workbench/icons';

/**
 * Shown when disk and buffer disagree. Nothing is lost whichever button is pressed: "Take theirs" replaces the
 * text as an undoable edit, "Keep mine" overwrites the disk version the user has just been shown.
 */
export function ConflictBar({ doc }: { doc: DocMeta }) {
  const conflict = doc.conflict;
  if (!conflict) return null;
  const { documents } = getServices();
  const message =
    conflict.reason === 'saveRejected'
      ? 'Failed to save: the file was changed on disk after you opened it.'
      : 'The file changed on disk. You have unsaved changes.';
  return (
    <div className="editor-bar conflict" data-testid="conflict-bar" role="alert">
      <Icon name="warning" className="editor-bar-icon" />
      <span className="editor-bar-message">{message}</span>
      <button
        className="button secondary"
        data-testid="conflict-compare"
        aria-pressed={conflict.comparing}
        onClick={() => documents.setComparing(doc.path, !conflict.comparing)}
      >
        {conflict.comparing ? 'Close Compare' : 'Compare'}
      </button>
      <button className="button primary" data-testid="conflict-keep-mine" onClick={() => void documents.keepMine(doc.path)}>
        Keep Mine
      </button>
      <button className="button secondary" data-testid="conflict-take-theirs" onClick={() => void documents.takeTheirs(doc.path)}>
        Take Theirs
      </button>
    </div>
  );
}

export function NoticeBar({ doc }: { doc: DocMeta }) {
  if (doc.deletedOnDisk) {
    return (
      <div className="editor-bar info" data-testid="deleted-bar">
        <Icon name="info" className="editor-bar-icon" />
        <span className="editor-bar-message">The file was deleted on disk. Save to create it again.</span>
      </div>
    );
  }
  if (!doc.readOnly) return null;
  return (
    <div className="editor-bar info" data-testid="notice-bar">
      <Icon name="info" className="editor-bar-icon" />
      <span className="editor-bar-message">{doc.notice ?? 'This file is read-only.'}</span>
    </div>
  );
}
