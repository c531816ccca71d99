import { RequestError } from '../../../protocol/error-codes';
import type { ReplaceTarget } from '../../../protocol';
import { getServices } from '../app/services';
import { useDocuments } from '../state/documents';
import { notifyError, useNotifications } from '../state/notifications';
import { overlayDirty } from './dirtyOverlay';
import { openMatch } from './openMatch';
import { queryOf, stepCursor, useSearch, type ReplaceUndo } from './searchStore';

/** Results shown at most; past this the view says "more results" and suggests narrowing the search. */
export const MAX_RESULTS = 10_000;
/** Typing pauses this long before a search starts (each keystroke cancels the one before). */
const TYPING_DELAY_MS = 250;

let generation = 0;
let running: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The editor's text of a file with unsaved changes; undefined for files whose disk text is what the user sees. */
function dirtyText(path: string): string | undefined {
  if (!useDocuments.getState().docs[path]?.dirty) return undefined;
  return getServices().documents.buffer(path)?.getText();
}

/** Called on every input change: cancels the running search and starts the new one after a short pause. */
export function scheduleSearch(delay = TYPING_DELAY_MS): void {
  clearTimeout(timer);
  cancelRunning();
  timer = setTimeout(() => void runSearch(), delay);
}

function cancelRunning(): void {
  generation++;
  if (running) void getServices().client.request('search/cancel', { searchId: running }).catch(() => {});
  running = null;
}

/** Runs the current query, pulling batches until done; a newer search makes this one stop at its next step. */
export async function runSearch(): Promise<void> {
  clearTimeout(timer);
  cancelRunning();
  const gen = generation;
  const state = useSearch.getState();
  if (!state.pattern) {
    state.set({ files: [], summary: null, searching: false, error: null, cursor: null });
    return;
  }
  const { client } = getServices();
  state.set({ searching: true, error: null });
  let searchId: string;
  try {
    ({ searchId } = await client.request('search/start', { ...queryOf(state), maxResults: MAX_RESULTS }));
  } catch (err) {
    if (gen === generation) state.set({ searching: false, error: message(err), files: [], summary: null, cursor: null });
    return;
  }
  if (gen !== generation) {
    void client.request('search/cancel', { searchId }).catch(() => {});
    return;
  }
  running = searchId;
  let first = true;
  for (;;) {
    let batch;
    try {
      batch = await client.request('search/next', { searchId });
    } catch (err) {
      if (gen === generation) state.set({ searching: false, error: message(err) });
      return;
    }
    if (gen !== generation) return;
    const found = overlayDirty(batch.files, state, dirtyText);
    // The old results stay until the first batch of the new ones arrives: no flash of an empty view per keystroke.
    // ripgrep searches files in parallel, so arrival order varies: keep the list sorted by path (as VS Code does).
    const files = (first ? found : [...useSearch.getState().files, ...found]).sort(byPath);
    useSearch.getState().set({ files, summary: batch.summary, ...(first ? { cursor: null, collapsed: {} } : {}) });
    first = false;
    if (batch.done) {
      running = null;
      useSearch.getState().set({ searching: false, error: batch.summary.error ?? null });
      return;
    }
    await nextFrame(); // draw this batch before asking for the next
  }
}

/** F4 / Shift+F4: select the next or previous match and show it in its editor (focus stays in the view). */
export function stepMatch(direction: 1 | -1): void {
  const { files, cursor, set } = useSearch.getState();
  const next = stepCursor(files, cursor, direction);
  if (!next) return;
  set({ cursor: next });
  const file = files[next.file]!;
  const line = file.lines[next.line]!;
  const range = line.ranges[next.range]!;
  void openMatch(file.path, line.line, range.start, range.end, false).catch((err) => notifyError('Open match', err));
}

/**
 * Replaces in the given targets. Files open in an editor are changed in the editor's buffer (one undoable edit) so
 * unsaved text survives — a dirty editor stays dirty, a clean one is saved; others are replaced on disk atomically.
 */
export async function replace(targets: ReplaceTarget[]): Promise<void> {
  const state = useSearch.getState();
  const query = queryOf(state);
  const { replacement } = state;
  const { client, documents } = getServices();
  const undo: ReplaceUndo = { summary: '', disk: [], editors: [] };
  const onDisk: ReplaceTarget[] = [];
  let count = 0;
  for (const target of targets) {
    const buffer = documents.buffer(target.path);
    if (!buffer) {
      onDisk.push(target);
      continue;
    }
    const before = buffer.getText();
    const wasDirty = useDocuments.getState().docs[target.path]?.dirty ?? false;
    const preview = await client.request('search/preview', { query, replacement, target, content: before });
    if (preview.count === 0) continue;
    buffer.replaceAll(preview.replaced);
    if (!wasDirty) await documents.save(target.path);
    undo.editors.push({ path: target.path, previous: before, replaced: preview.replaced, saved: !wasDirty });
    count += preview.count;
  }
  if (onDisk.length > 0) {
    const result = await client.request('search/replace', { query, replacement, targets: onDisk });
    for (const f of result.files) {
      undo.disk.push({ path: f.path, previous: f.previous, version: f.version });
      count += f.replaced;
    }
    for (const f of result.failed) notifyError(`Replace in ${f.path}`, f.message);
  }
  const fileCount = undo.disk.length + undo.editors.length;
  undo.summary = `Replaced ${count} occurrence${count === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}`;
  useSearch.getState().set({ lastReplace: fileCount > 0 ? undo : null, preview: null });
  await runSearch();
}

/** Puts back what the last replace changed; a file edited since then is left alone and reported. */
export async function undoReplace(): Promise<void> {
  const undo = useSearch.getState().lastReplace;
  if (!undo) return;
  const { client, documents } = getServices();
  const skipped: string[] = [];
  for (const f of undo.disk) {
    try {
      await client.request('workspace/writeFile', { path: f.path, content: f.previous, expectedVersion: f.version });
    } catch (err) {
      if (err instanceof RequestError && err.code === 'CONFLICT') skipped.push(f.path);
      else notifyError(`Undo replace in ${f.path}`, err);
    }
  }
  for (const e of undo.editors) {
    const buffer = documents.buffer(e.path);
    if (!buffer || buffer.getText() !== e.replaced) {
      skipped.push(e.path);
      continue;
    }
    buffer.replaceAll(e.previous);
    if (e.saved) await documents.save(e.path);
  }
  useSearch.getState().set({ lastReplace: null });
  if (skipped.length > 0) {
    useNotifications.getState().show('error', `Not undone (changed since the replace): ${skipped.join(', ')}`);
  }
  await runSearch();
}
