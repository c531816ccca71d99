import { useEffect, useState } from 'react';
import type { ChangeConflict } from '../../../protocol';
import { getServices } from '../app/services';
import DiffEditor from '../editor/DiffEditor';
import { languageIdFor } from '../editor/monacoModule';
import { splitBom } from '../editor/textCodec';

const body = (text: string | null) => splitBom(text ?? '').body;

/**
 * The three versions of a file changed on disk during review, as two diffs from the common base: what changed on
 * disk (someone else's edit) above, what the agent proposes below. Nothing is written from here.
 */
export function ConflictView({ reviewId, path, known }: { reviewId: string; path: string; known?: ChangeConflict }) {
  const [conflict, setConflict] = useState<ChangeConflict | null>(known ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getServices()
      .client.request('changes/conflict', { id: reviewId, path })
      .then(
        (c) => live && setConflict(c),
        (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
      );
    return () => {
      live = false;
    };
  }, [reviewId, path]);

  if (error) return <div className="review-message">{error}</div>;
  if (!conflict) return <div className="editor-loading" aria-busy="true" />;
  const language = languageIdFor(path);
  return (
    <div className="review-threeway" data-testid="review-conflict-view">
      <section className="review-threeway-pane">
        <h3>{conflict.theirs === null ? 'Deleted on disk since the agent read it' : 'On disk now (theirs), compared with what the agent read'}</h3>
        <div className="review-threeway-diff">
          <DiffEditor
            original={body(conflict.base)}
            originalLanguage={language}
            modified={body(conflict.theirs)}
            originalLabel="What the agent read (base)"
            modifiedLabel="On disk now (theirs)"
          />
        </div>
      </section>
      <section className="review-threeway-pane">
        <h3>{conflict.mine === null ? 'The agent proposes deleting the file' : 'The agent’s proposal (mine), compared with what it read'}</h3>
        <div className="review-threeway-diff">
          <DiffEditor
            original={body(conflict.base)}
            originalLanguage={language}
            modified={body(conflict.mine)}
            originalLabel="What the agent read (base)"
            modifiedLabel="The agent’s proposal (mine)"
          />
        </div>
      </section>
    </div>
  );
}
