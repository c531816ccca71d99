import type { DocumentManager } from '../editor/documentManager';
import { useDocuments, type DocMeta } from '../state/documents';
import { useTabs } from '../state/tabs';
import { useSpecEditors } from '../specs/specEditorStore';
import { specTabId } from '../specs/specTab';
import { useSpecWriter, writingPhase } from './specWriterStore';

export const WRITING_NOTICE = "Keel's planner is writing this document — it is read-only until the planner finishes or you press Stop.";

/**
 * The phase bar already says the planner is writing this document (a spec editor bar's `explainsReadOnly`): the
 * spec editor need not repeat it in its own read-only notice.
 */
export function phaseBarExplainsReadOnly(doc: DocMeta, specDir: string): boolean {
  const state = useSpecWriter.getState().states[specDir];
  return doc.notice === WRITING_NOTICE && state !== undefined && writingPhase(state)?.path === doc.path;
}

/**
 * Shows each phase as it is written: the streamed text goes into the open document's buffer (so every view of
 * the spec editor shows it growing) and the document is read-only, with a notice, until the phase ends. The
 * main process writes the same final text to disk afterwards, so the buffer is clean again once that lands.
 */
export function streamIntoEditor(documents: DocumentManager): () => void {
  const marked = new Set<string>();
  const following = new Map<string, string>();
  /** Documents whose phase ended: compared with the disk once loaded (see below). */
  const recheck = new Set<string>();
  const streaming = new Set<string>();
  const sync = () => {
    const { states, texts } = useSpecWriter.getState();
    const writing = new Map<string, string>();
    for (const s of Object.values(states)) {
      const p = writingPhase(s);
      if (p) writing.set(p.path, s.dir);
    }
    const docs = useDocuments.getState().docs;
    for (const [path, dir] of writing) {
      streaming.add(path);
      follow(documents, dir, path, following);
      const meta = docs[path];
      if (meta?.status !== 'ready') continue;
      marked.add(path);
      const text = texts[path];
      const buffer = documents.buffer(path);
      if (text !== undefined && buffer && buffer.getText() !== text) buffer.replaceAll(text);
      // The streamed text is the planner's, and it lands on disk when the phase ends: not the user's unsaved edit
      // (no dirty dot, no "save changes?" when closing, no prompt on reload).
      const now = useDocuments.getState().docs[path];
      if (now && (!now.readOnly || now.notice !== WRITING_NOTICE || now.dirty)) useDocuments.getState().patch(path, { readOnly: true, notice: WRITING_NOTICE, dirty: false });
    }
    for (const path of [...marked]) {
      if (writing.has(path)) continue;
      marked.delete(path);
      if (docs[path]?.notice === WRITING_NOTICE) useDocuments.getState().patch(path, { readOnly: false, notice: undefined });
    }
    for (const path of [...streaming]) {
      if (writing.has(path)) continue;
      streaming.delete(path);
      recheck.add(path);
    }
    // The final text lands on disk after the last streamed text; a document that was still loading then may hold
    // an older text (or look edited). Reconciling with the disk settles it: equal → clean, else the disk's text.
    for (const path of [...recheck]) {
      const status = useDocuments.getState().docs[path]?.status;
      if (status === 'loading') continue;
      recheck.delete(path);
      if (status === 'ready') documents.handleChanges([{ type: 'changed', path, isDirectory: false }]);
    }
    for (const dir of [...following.keys()]) if (![...writing.values()].includes(dir)) following.delete(dir);
  };
  const offs = [useSpecWriter.subscribe(sync), useDocuments.subscribe(sync)];
  sync();
  return () => offs.forEach((off) => off());
}

/** A phase starts in a spec whose editor is open: show that document and load it, once per phase. */
function follow(documents: DocumentManager, dir: string, path: string, following: Map<string, string>): void {
  if (following.get(dir) === path) return;
  following.set(dir, path);
  const tab = specTabId(dir);
  if (!useTabs.getState().tabs.includes(tab)) return;
  const kind = path.endsWith('/design.md') ? 'design' : path.endsWith('/tasks.md') ? 'tasks' : 'requirements';
  useSpecEditors.getState().setDoc(tab, kind);
  void documents.openFile(path);
}
