import { create } from 'zustand';

export interface Notification {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

interface NotificationsState {
  items: Notification[];
  show(kind: Notification['kind'], message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const MAX_VISIBLE = 4;

/** Toasts for failures the user must know about (a save that failed, a rename refused). */
export const useNotifications = create<NotificationsState>()((set, get) => ({
  items: [],
  show(kind, message) {
    const id = nextId++;
    set({ items: [...get().items, { id, kind, message }].slice(-MAX_VISIBLE) });
    if (kind === 'info') setTimeout(() => get().dismiss(id), 4000);
  },
  dismiss(id) {
    set({ items: get().items.filter((n) => n.id !== id) });
  },
}));

export function notifyError(action: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  useNotifications.getState().show('error', `${action}: ${message}`);
}
