import { create } from 'zustand';
import { getServices } from '../app/services';
import { useTabs } from '../state/tabs';
import { createHookV1Text, parseHook, upgradeLegacyHook } from '../../../specs-schema';
import { newHookText, hookFileFor } from './hookForm';
import { hookFileOf, isNewHookTab } from './hookTab';

export interface HookEditorState {
  text: string;
  /** The text on disk (or the starting text of a new hook): unsaved edits are `text !== saved`. */
  saved: string;
  loading: boolean;
  error: string | null;
  /** The file changed on disk while this editor had unsaved edits. */
  changedOnDisk: boolean;
  view: 'form' | 'json';
}

interface HookEditors {
  editors: Record<string, HookEditorState>;
  patch(tab: string, patch: Partial<HookEditorState>): void;
  drop(tab: string): void;
}

export const useHookEditors = create<HookEditors>()((set, get) => ({
  editors: {},
  patch: (tab, patch) => {
    const current = get().editors[tab] ?? { text: '', saved: '', loading: false, error: null, changedOnDisk: false, view: 'form' as const };
    set({ editors: { ...get().editors, [tab]: { ...current, ...patch } } });
  },
  drop: (tab) => {
    const editors = { ...get().editors };
    delete editors[tab];
    set({ editors });
  },
}));

/** Loads a tab's text: a new hook starts from the template, an existing one from disk (kept if dirty unless forced). */
export async function loadHookEditor(tab: string, force = false): Promise<void> {
  const store = useHookEditors.getState();
  const existing = store.editors[tab];
  if (isNewHookTab(tab)) {
    if (!existing) store.patch(tab, { text: newHookText(), saved: newHookText() });
    return;
  }
  if (existing && existing.text !== existing.saved && !force) {
    store.patch(tab, { changedOnDisk: true });
    return;
  }
  if (!existing) store.patch(tab, { loading: true });
  try {
    const { content } = await getServices().client.request('workspace/readFile', { path: hookFileOf(tab) });
    useHookEditors.getState().patch(tab, { text: content, saved: content, loading: false, error: null, changedOnDisk: false });
  } catch (err) {
    useHookEditors.getState().patch(tab, { loading: false, error: err instanceof Error ? err.message : String(err) });
  }
}

export function isHookTabDirty(tab: string): boolean {
  const e = useHookEditors.getState().editors[tab];
  return e !== undefined && e.text !== e.saved;
}

/**
 * Saves through `hooks/save` (validated in the host; what the user writes here stays approved). A new hook gets
 * its file name from its name and the tab moves to the file. Resolves false (with the reason shown) on refusal.
 */
export async function saveHookTab(tab: string): Promise<boolean> {
  const editor = useHookEditors.getState().editors[tab];
  if (!editor) return false;
  const { client } = getServices();
  try {
    if (isNewHookTab(tab)) {
      const name = (JSON.parse(editor.text) as { name?: unknown }).name;
      const file = typeof name === 'string' ? hookFileFor(name) : null;
      if (!file) throw new Error('Give the hook a name first: the file is named after it.');
      // The form asks in the 0.x terms (when / then); the file is written in Kiro 1.0's format, as Kiro does today.
      const doc = parseHook(editor.text);
      const problem = doc.diagnostics.find((d) => d.severity === 'error');
      if (!doc.hook || problem) throw new Error(problem?.message ?? 'The hook is not complete yet.');
      const v1 = createHookV1Text([upgradeLegacyHook(doc.hook)]);
      if (v1.diagnostics.length) throw new Error(v1.diagnostics.map((d) => d.message).join(' '));
      await client.request('hooks/save', { id: file, content: v1.text, create: true });
      // A v1 file may hold several hooks: it lives in the text editor from now on.
      useTabs.getState().open(file);
      useTabs.getState().close(tab);
      useHookEditors.getState().drop(tab);
      return true;
    }
    await client.request('hooks/save', { id: hookFileOf(tab), content: editor.text, create: false });
    useHookEditors.getState().patch(tab, { saved: editor.text, error: null, changedOnDisk: false });
    return true;
  } catch (err) {
    useHookEditors.getState().patch(tab, { error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
