import { lazy, Suspense, useEffect, useState } from 'react';
import { getServices } from '../app/services';
import { replace } from './searchController';
import { queryOf, useSearch } from './searchStore';

const DiffEditor = lazy(() => import('../editor/DiffEditor'));

interface Preview {
  original: string;
  replaced: string;
  count: number;
}

/**
 * Replace with a look first: the files the replace will touch, and for the selected one Monaco's diff of its text
 * before and after. Files open in an editor are previewed from the editor's (possibly unsaved) text.
 */
export function ReplacePreview() {
  const s = useSearch();
  const scope = s.preview?.scope ?? 'all';
  const paths = scope === 'all' ? s.files.map((f) => f.path) : [scope];
  const [selected, setSelected] = useState(paths[0] ?? '');
  const [preview, setPreview] = useState<Preview | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const total = s.files.filter((f) => paths.includes(f.path)).reduce((n, f) => n + f.lines.reduce((m, l) => m + l.ranges.length, 0), 0);

  useEffect(() => {
    let live = true;
    setPreview(null);
    const { client, documents } = getServices();
    const content = documents.buffer(selected)?.getText();
    client
      .request('search/preview', { query: queryOf(s), replacement: s.replacement, target: { path: selected }, content })
      .then((p) => live && setPreview(p))
      .catch((err: unknown) => live && setPreview({ error: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
    };
    // The inputs are frozen while the preview is open; only the selected file changes it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const close = () => s.set({ preview: null });
  const confirm = async () => {
    setBusy(true);
    try {
      await replace(paths.map((path) => ({ path })));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="search-preview-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="search-preview" role="dialog" aria-label="Replace preview" data-testid="replace-preview">
        <div className="search-preview-title">
          Replace {total.toLocaleString('en-US')} occurrence{total === 1 ? '' : 's'} in {paths.length} file
          {paths.length === 1 ? '' : 's'}: <code>{s.pattern}</code> → <code>{s.replacement || '(empty)'}</code>
        </div>
        <div className="search-preview-body">
          <ul className="search-preview-files" aria-label="Files to change">
            {paths.map((p) => (
              <li key={p}>
                <button className={p === selected ? 'selected' : ''} onClick={() => setSelected(p)} title={p}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
          <div className="search-preview-diff">
            {preview === null && <div className="search-preview-note">Loading…</div>}
            {preview && 'error' in preview && <div className="search-error">{preview.error}</div>}
            {preview && 'replaced' in preview && (
              <Suspense fallback={<div className="search-preview-note">Loading…</div>}>
                <DiffEditor
                  original={preview.original}
                  modified={preview.replaced}
                  originalLabel={`${selected} (now)`}
                  modifiedLabel={`${selected} (after replace)`}
                />
              </Suspense>
            )}
          </div>
        </div>
        <div className="search-preview-buttons">
          <button className="button primary" disabled={busy} onClick={() => void confirm()} autoFocus>
            Replace
          </button>
          <button className="button secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
