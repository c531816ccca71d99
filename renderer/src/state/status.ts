import { create } from 'zustand';

/** What the active editor reports to the status bar. */
interface EditorStatusState {
  line: number;
  column: number;
  selected: number;
  language: string;
  /** A chord is half typed (`Ctrl+K` pressed): shown like VS Code's "(Ctrl+K) was pressed…". */
  chord: string | null;
  /** The next editor shown should take keyboard focus (opened from quick open, Enter, a tab click). */
  focusEditor: boolean;
  set(patch: Partial<Omit<EditorStatusState, 'set'>>): void;
}

export const useEditorStatus = create<EditorStatusState>()((set) => ({
  line: 1,
  column: 1,
  selected: 0,
  language: '',
  chord: null,
  focusEditor: false,
  set: (patch) => set(patch),
}));
