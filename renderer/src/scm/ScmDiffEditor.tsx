import { useCallback, useEffect, useState } from 'react';
import type { GitFileDiff, GitHunk } from '../../../protocol';
import { openFile } from '../app/actions';
import { getServices } from '../app/services';
import DiffEditor from '../editor/DiffEditor';
import { languageIdFor } from '../editor/monacoModule';
import { stageHunk, unstage, stage } from './scmController';
import { parseScmDiffTab } from './scmDiffTab';
import { useScm } from './scmStore';
import './scm.css';

function hunkLabel(h: GitHunk): string {
  return h.changedEnd === h.changedStart ? `Line ${h.changedStart}` : `Lines ${h.changedStart}–${h.changedEnd}`;
}

/**
 * (Default export: loaded lazily with Monaco when the first diff opens.)
 * A file's changes against the index (or the index against HEAD) in Monaco's diff editor, with one Stage /
 * Unstage button per hunk above it. The diff is re-read whenever the repository status moves, so a hunk just
 * staged leaves this list (and appears in the file's Index diff).
 */
export default function ScmDiffEditor({ tab }: { tab: string }) {
  const { side, path } = parseScmDiffTab(tab);
  const version = useScm((s) => s.summary?.version);
  const [diff, setDiff] = useState<GitFileDiff | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const load = useCallback(async () => {
    try {
      setDiff(await getServices().client.request('git/diff', { path, side }));
      setError(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [path, side]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const applyHunk = async (h: GitHunk) => {
    setPending(true);
    await stageHunk(path, side, h.index, h.id);
    await load();
    setPending(false);
  };
  const wholeFile = () => void (side === 'staged' ? unstage([path]) : stage([path]));

  if (error) {
    return (
      <div className="editor-message" data-testid="scm-diff-empty">
        <p>{error}</p>
        <button className="button secondary" onClick={() => openFile(path)}>
          Open File
        </button>
      </div>
    );
  }
  if (!diff) return <div className="editor-loading" aria-busy="true" />;
  const verb = side === 'staged' ? 'Unstage' : 'Stage';
  return (
    <div className="scm-diff" data-testid="scm-diff" data-side={side} data-path={path}>
      <div className="scm-diff-bar">
        <span className="scm-diff-title">
          {diff.hunks.length > 0 ? `${diff.hunks.length} change${diff.hunks.length === 1 ? '' : 's'}` : diff.notShown ?? (diff.hunksApply ? 'No changes' : 'Whole-file change')}
        </span>
        <div className="scm-hunks" role="list" aria-label="Changes in this file">
          {diff.hunksApply &&
            diff.hunks.map((h) => (
              <span key={h.id} className="scm-hunk" role="listitem" data-testid="scm-hunk" title={h.header}>
                <span className="scm-hunk-label">{hunkLabel(h)}</span>
                <button className="scm-hunk-button" disabled={pending} onClick={() => void applyHunk(h)} data-testid="scm-hunk-apply">
                  {verb} Hunk
                </button>
              </span>
            ))}
        </div>
        <button className="button secondary scm-diff-action" onClick={wholeFile} title={`${verb} the whole file`}>
          {verb} File
        </button>
        <button className="button secondary scm-diff-action" onClick={() => openFile(path)}>
          Open File
        </button>
      </div>
      {diff.notShown ? (
        <div className="editor-message">
          <p>{diff.notShown} Only whole-file actions apply.</p>
        </div>
      ) : (
        <div className="scm-diff-body">
          <DiffEditor
            original={diff.original}
            modified={diff.modified}
            originalLanguage={languageIdFor(path)}
            originalLabel={diff.originalLabel}
            modifiedLabel={diff.modifiedLabel}
          />
        </div>
      )}
    </div>
  );
}
