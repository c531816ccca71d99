import { lazy, Suspense } from 'react';
import { getServices } from '../app/services';
import { useDocuments, type DocMeta } from '../state/documents';
import { useTabs } from '../state/tabs';
import { editorFor } from '../workbench/contributions';
import { ConflictBar, NoticeBar } from './ConflictBar';
import { EditorTabs } from './EditorTabs';
import { Watermark } from './Watermark';

// Monaco's chunk is fetched only when the first file is shown (and prefetched when the workbench is idle).
const CodeEditor = lazy(() => import('./CodeEditor'));
const DiffEditor = lazy(() => import('./DiffEditor'));
export function EditorArea() {
  const active = useTabs((s) => s.active);
  const doc = useDocuments((s) => (active ? s.docs[active] : undefined));
  // Tabs that are not files (a spec, a review, settings) are shown by the editor their scheme contributes.
  const contributed = editorFor(active);
  const Contributed = contributed?.component;
  return (
    <div className="editor-area">
      <EditorTabs />
      {Contributed && active ? (
        <Suspense fallback={<div className="editor-loading" aria-busy="true" />}>
          <Contributed key={active} tab={active} />
        </Suspense>
      ) : active && doc ? <EditorBody doc={doc} /> : active ? <div className="editor-loading" /> : <Watermark />}
    </div>
  );
}

function EditorBody({ doc }: { doc: DocMeta }) {
  if (doc.status === 'error') {
    return (
      <div className="editor-message" data-testid="editor-error">
        <p>The editor could not be opened.</p>
        <p className="editor-message-detail">{doc.error}</p>
      </div>
    );
  }
  if (doc.status === 'loading') return <div className="editor-loading" aria-busy="true" />;
  const comparing = doc.conflict?.comparing;
  const model = getServices().documents.buffer(doc.path)?.handle;
  return (
    <>
      <ConflictBar doc={doc} />
      <NoticeBar doc={doc} />
      <div className="editor-body">
        <Suspense fallback={<div className="editor-loading" aria-busy="true" />}>
          {comparing && doc.conflict && model ? (
            <DiffEditor
              original={doc.conflict.theirs.replace(/^\uFEFF/, '')}
              modified={model as Parameters<typeof DiffEditor>[0]['modified']}
              originalLabel="On disk (theirs)"
              modifiedLabel="Your changes (mine) — editable"
            />
          ) : (
            <CodeEditor path={doc.path} readOnly={doc.readOnly} />
          )}
        </Suspense>
      </div>
    </>
  );
}
