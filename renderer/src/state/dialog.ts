import { create } from 'zustand';

export interface DialogButton {
  id: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
}

export interface DialogRequest {
  title: string;
  detail?: string;
  buttons: DialogButton[];
}

interface DialogState {
  current: (DialogRequest & { resolve: (id: string | null) => void }) | null;
  /** Shows a modal dialog; resolves with the clicked button id, or null when dismissed (Escape). */
  ask(request: DialogRequest): Promise<string | null>;
  answer(id: string | null): void;
}

export const useDialog = create<DialogState>()((set, get) => ({
  current: null,
  ask(request) {
    get().current?.resolve(null);
    return new Promise((resolve) => set({ current: { ...request, resolve } }));
  },
  answer(id) {
    const current = get().current;
    set({ current: null });
    current?.resolve(id);
  },
}));
