import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import './specs.css';
import { getServices } from '../app/services';
import { ConflictBar, NoticeBar } from '../editor/ConflictBar';
import { useDocuments } from '../state/documents';
import { DesignPane } from './DesignPane';
import { getSpecEditorBars, showsOwnNotice } from './editorBars';
import { RequirementsPane } from './RequirementsPane';
import { specDocs } from './specActions';
import { startSpecChecks } from './specChecks';
import { useSpecEditors, type SpecView } from './specEditorStore';
import { startSpecsList, useSpecs } from './specsStore';
import { specDirOf } from './specTab';
import { checkSpec, type SpecCheck, type SpecTexts } from './specDiagnostics';
import { TasksPane } from './TasksPane';
import { TracePane } from './TracePane';
import { useDocText } from './useDocText';
import type { SpecSummary } from '../../../protocol';

const CodeEditor = lazy(() => import('../editor/CodeEditor'));
const DiffEditor = lazy(() => import('../editor/DiffEditor'));

const LABELS: Record<SpecView, string> = { requirements: 'Requirements', design: 'Design', tasks: 'Tasks', trace: 'Traceability' };

/**
 * The spec editor tab: Requirements | Design | Tasks, each a structured pane or the raw markdown one toggle
 * away. Both views show the same document-manager buffer, so dirty state, undo, save and conflicts are shared.
 */
export function SpecEditor({ tab }: { tab: string }) {
  const dir = specDirOf(tab);
  const spec = useSpecs((s) => s.specs.find((x) => x.dir === dir));
  const loaded = useSpecs((s) => s.loaded);
  const view = useSpecEditors((s) => s.editors[tab]) ?? { doc: 'tasks' as const, raw: false };
  const docs = useDocuments((s) => s.docs);
  useEffect(() => {
    void startSpecsList(getServices().client);
    startSpecChecks(getServices());
  }, []);
  const { check, texts } = useSpecCheck(spec);
  const diagnostics = check.byPath;
  const bodyRef = useRef<HTMLDivElement>(null);
  // The matrix edits only tasks.md (Re-open task), so there Ctrl+Z undoes tasks.md.
  const undoPath = view.raw || !spec ? undefined : view.doc === 'trace' ? spec.files.tasks : specDocs(spec).find((d) => d.kind === view.doc)?.path;
  useEffect(() => {
    if (!undoPath) return;
    // On window: a structured edit often re-renders the button that made it, leaving focus on the body.
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as Node;
      if (t === document.body || bodyRef.current?.contains(t)) undoInPane(e, undoPath);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoPath]);
  const knownIds = useMemo(() => new Set(check.graph.requirements.flatMap((r) => [r.id, ...r.criteria.map((c) => c.id)])), [check]);
  // A restored or re-opened tab: make sure the spec's documents are loaded.
  useEffect(() => {
    if (spec) for (const d of specDocs(spec)) void getServices().documents.openFile(d.path);
  }, [spec]);
  if (!spec) {
    return <div className="editor-message">{loaded ? `There is no spec in ${dir} any more.` : 'Loading the spec…'}</div>;
  }
  const available = specDocs(spec);
  const trace = view.doc === 'trace';
  const current = trace ? undefined : (available.find((d) => d.kind === view.doc) ?? available[0]);
  const meta = current ? docs[current.path] : undefined;
  const setDoc = (doc: SpecView) => useSpecEditors.getState().setDoc(tab, doc);
  // The matrix spans the documents: any of them in conflict shows its bar there.
  const bars = trace ? available.map((d) => docs[d.path]).filter((m) => m !== undefined) : meta ? [meta] : [];
  return (
    <div className="spec-editor" ref={bodyRef} data-testid="spec-editor" data-spec={spec.name}>
      <div className="spec-header">
        <div className="spec-tabs" role="tablist" aria-label="Spec documents">
          {available.map((d) => (
            <button
              key={d.kind}
              role="tab"
              aria-selected={d.kind === current?.kind}
              className={`spec-tab${d.kind === current?.kind ? ' active' : ''}`}
              data-testid={`spec-tab-${d.kind}`}
              title={d.path}
              onClick={() => setDoc(d.kind)}
            >
              {d.kind === 'requirements' && spec.type === 'bugfix' ? 'Bug Analysis' : LABELS[d.kind]}
              {docs[d.path]?.dirty && <span className="spec-tab-dirty" aria-label="unsaved changes" />}
            </button>
          ))}
          <button role="tab" aria-selected={trace} className={`spec-tab${trace ? ' active' : ''}`} data-testid="spec-tab-trace" title="Which tasks cover which acceptance criteria" onClick={() => setDoc('trace')}>
            {LABELS.trace}
          </button>
        </div>
        {!trace && (
          <div className="segmented" role="group" aria-label="View">
            <button aria-pressed={!view.raw} className={!view.raw ? 'on' : ''} data-testid="spec-view-structured" onClick={() => useSpecEditors.getState().setRaw(tab, false)}>
              Structured
            </button>
            <button aria-pressed={view.raw} className={view.raw ? 'on' : ''} data-testid="spec-view-markdown" onClick={() => useSpecEditors.getState().setRaw(tab, true)}>
              Markdown
            </button>
          </div>
        )}
      </div>
      {getSpecEditorBars().map(({ id, component: Bar }) => (
        <Bar key={id} specDir={dir} />
      ))}
      {bars.map((m) => (
        <ConflictBar key={m.path} doc={m} />
      ))}
      {meta && showsOwnNotice(meta, dir) && <NoticeBar doc={meta} />}
      <div className="spec-body">
        {trace ? (
          <TracePane tab={tab} check={check} {...(texts.requirements ? { requirements: texts.requirements } : {})} {...(texts.tasks ? { tasks: texts.tasks } : {})} />
        ) : !current ? (
          <div className="editor-message">This spec folder has no requirements, design or tasks document.</div>
        ) : meta?.status === 'error' ? (
          <div className="editor-message">Could not open {current.path}: {meta.error}</div>
        ) : !meta || meta.status === 'loading' ? (
          <div className="editor-loading" aria-busy="true" />
        ) : meta.conflict?.comparing ? (
          <Suspense fallback={<div className="editor-loading" aria-busy="true" />}>
            <DiffEditor
              original={meta.conflict.theirs.replace(/^\uFEFF/, '')}
              modified={getServices().documents.buffer(current.path)?.handle as Parameters<typeof DiffEditor>[0]['modified']}
              originalLabel="On disk (theirs)"
              modifiedLabel="Your changes (mine) — editable"
            />
          </Suspense>
        ) : view.raw ? (
          <Suspense fallback={<div className="editor-loading" aria-busy="true" />}>
            <CodeEditor path={current.path} readOnly={meta.readOnly} />
          </Suspense>
        ) : current.kind === 'tasks' ? (
          <TasksPane tab={tab} path={current.path} readOnly={meta.readOnly} diagnostics={diagnostics.get(current.path)} />
        ) : current.kind === 'requirements' ? (
          <RequirementsPane tab={tab} path={current.path} diagnostics={diagnostics.get(current.path)} tasksPath={spec.files.tasks} designPath={spec.files.design} readOnly={meta.readOnly} />
        ) : (
          <DesignPane tab={tab} path={current.path} knownIds={knownIds} onShowMarkdown={() => useSpecEditors.getState().setRaw(tab, true)} />
        )}
      </div>
    </div>
  );
}

/** Live check of the whole spec (all three documents) from the open buffers: inline problems and the matrix. */
function useSpecCheck(spec: SpecSummary | undefined): { check: SpecCheck; texts: SpecTexts } {
  const reqPath = spec?.files.requirements ?? spec?.files.bugfix;
  const requirements = useDocText(reqPath);
  const design = useDocText(spec?.files.design);
  const tasks = useDocText(spec?.files.tasks);
  return useMemo(() => {
    const texts: SpecTexts = {
      ...(reqPath && requirements !== undefined ? { requirements: { path: reqPath, text: requirements } } : {}),
      ...(spec?.files.design && design !== undefined ? { design: { path: spec.files.design, text: design } } : {}),
      ...(spec?.files.tasks && tasks !== undefined ? { tasks: { path: spec.files.tasks, text: tasks } } : {}),
    };
    return { check: checkSpec(texts), texts };
  }, [reqPath, requirements, design, tasks, spec?.files.design, spec?.files.tasks]);
}

/**
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) in a structured pane undo and redo the document's own history — the
 * same steps as in the Markdown view — unless focus is in a text field, where they edit the field.
 */
function undoInPane(e: KeyboardEvent, path: string): void {
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea, [contenteditable="true"]')) return;
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
  if (key !== 'z' && !redo) return;
  const model = getServices().documents.buffer(path)?.handle as { undo(): unknown; redo(): unknown } | undefined;
  if (!model) return;
  e.preventDefault();
  void (redo ? model.redo() : model.undo());
}
