import { create } from 'zustand';

export type QuickInputMode = 'files' | 'commands';

interface QuickInputState {
  open: boolean;
  /** The text in the box. A leading '>' means commands, as in VS Code. */
  value: string;
  show(mode: QuickInputMode): void;
  setValue(value: string): void;
  hide(): void;
}

export const useQuickInput = create<QuickInputState>()((set) => ({
  open: false,
  value: '',
  show: (mode) => set({ open: true, value: mode === 'commands' ? '>' : '' }),
  setValue: (value) => set({ value }),
  hide: () => set({ open: false, value: '' }),
}));
