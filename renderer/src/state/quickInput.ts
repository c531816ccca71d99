import { create } from 'zustand';

export type QuickInputMode = 'files' | 'commands';

export interface PickItem {
  label: string;
  description?: string;
  run: () => void;
}

/** A one-off list to choose from (e.g. recent folders), filtered by what is typed. */
export interface Pick {
  placeholder: string;
  items: PickItem[];
}

interface QuickInputState {
  open: boolean;
  /** The text in the box. A leading '>' means commands, as in VS Code (unless a pick list is shown). */
  value: string;
  pick: Pick | null;
  show(mode: QuickInputMode): void;
  showPick(pick: Pick): void;
  setValue(value: string): void;
  hide(): void;
}

export const useQuickInput = create<QuickInputState>()((set) => ({
  open: false,
  value: '',
  pick: null,
  show: (mode) => set({ open: true, pick: null, value: mode === 'commands' ? '>' : '' }),
  showPick: (pick) => set({ open: true, pick, value: '' }),
  setValue: (value) => set({ value }),
  hide: () => set({ open: false, value: '', pick: null }),
}));
