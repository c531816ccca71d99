import { create } from 'zustand';

export type SpecDocKind = 'requirements' | 'design' | 'tasks';
/** A spec editor shows one of its documents or the traceability matrix across them. */
export type SpecView = SpecDocKind | 'trace';

export interface SpecEditorView {
  doc: SpecView;
  /** Show the raw markdown (Monaco) instead of the structured pane. */
  raw: boolean;
  /** A criterion or requirement (Requirements tab) or a task key (Tasks tab) to bring into view once it renders. */
  reveal?: string;
}

interface SpecEditorsState {
  editors: Record<string, SpecEditorView>;
  setDoc(tab: string, doc: SpecView): void;
  setRaw(tab: string, raw: boolean): void;
  revealCriterion(tab: string, id: string): void;
  revealTask(tab: string, key: string): void;
  clearReveal(tab: string): void;
}

const DEFAULT: SpecEditorView = { doc: 'tasks', raw: false };

/** Per spec tab: which document and which view the user chose, kept while switching tabs. */
export const useSpecEditors = create<SpecEditorsState>()((set, get) => {
  const patch = (tab: string, p: Partial<SpecEditorView>) =>
    set({ editors: { ...get().editors, [tab]: { ...DEFAULT, ...get().editors[tab], ...p } } });
  return {
    editors: {},
    setDoc: (tab, doc) => patch(tab, { doc }),
    setRaw: (tab, raw) => patch(tab, { raw }),
    revealCriterion: (tab, id) => patch(tab, { doc: 'requirements', raw: false, reveal: id }),
    revealTask: (tab, key) => patch(tab, { doc: 'tasks', raw: false, reveal: key }),
    clearReveal: (tab) => patch(tab, { reveal: undefined }),
  };
});

export const viewOf = (tab: string): SpecEditorView => useSpecEditors.getState().editors[tab] ?? DEFAULT;

/** Scrolls the element into view and flashes it briefly (a jump the eye can follow). */
export function flash(el: Element | null): () => void {
  if (!el) return () => {};
  el.scrollIntoView({ block: 'center' });
  el.classList.add('flash');
  const t = setTimeout(() => el.classList.remove('flash'), 1200);
  return () => clearTimeout(t);
}
