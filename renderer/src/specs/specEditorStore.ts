import { create } from 'zustand';

export type SpecDocKind = 'requirements' | 'design' | 'tasks';

export interface SpecEditorView {
  doc: SpecDocKind;
  /** Show the raw markdown (Monaco) instead of the structured pane. */
  raw: boolean;
  /** A criterion to bring into view once the Requirements pane renders (set by a task's requirement chip). */
  reveal?: string;
}

interface SpecEditorsState {
  editors: Record<string, SpecEditorView>;
  setDoc(tab: string, doc: SpecDocKind): void;
  setRaw(tab: string, raw: boolean): void;
  revealCriterion(tab: string, id: string): void;
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
    clearReveal: (tab) => patch(tab, { reveal: undefined }),
  };
});

export const viewOf = (tab: string): SpecEditorView => useSpecEditors.getState().editors[tab] ?? DEFAULT;
