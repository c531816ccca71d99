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

// Where the keyboard was when the editor was asked to take it. Monaco loads lazily, so the editor may be ready only
// after the user has already moved on (Ctrl+L to the chat, Ctrl+Shift+P to the palette): focus then stays there.
let focusRequestedFrom: Element | null = null;
useEditorStatus.subscribe((state, previous) => {
  if (state.focusEditor && !previous.focusEditor) focusRequestedFrom = typeof document === 'undefined' ? null : document.activeElement;
});

/** True unless the keyboard moved elsewhere (outside `editorHost`) since the editor was asked to take focus. */
export function focusStillWhereRequested(editorHost: Element | null): boolean {
  const now = document.activeElement;
  if (!now || now === document.body || now === focusRequestedFrom) return true;
  return !!editorHost?.contains(now);
}
