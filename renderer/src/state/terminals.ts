import { create } from 'zustand';

export interface TerminalTab {
  id: string;
  title: string;
  exitCode: number | null;
}

interface TerminalsState {
  terminals: TerminalTab[];
  active: string | null;
  /** The host's running terminals were listed and attached (done once, when the panel first shows). */
  restored: boolean;
  add(tab: TerminalTab): void;
  remove(id: string): void;
  activate(id: string): void;
  exited(id: string, exitCode: number): void;
  setRestored(): void;
}

export const useTerminals = create<TerminalsState>()((set, get) => ({
  terminals: [],
  active: null,
  restored: false,
  add(tab) {
    if (get().terminals.some((t) => t.id === tab.id)) return;
    set({ terminals: [...get().terminals, tab], active: tab.id });
  },
  remove(id) {
    const terminals = get().terminals;
    const i = terminals.findIndex((t) => t.id === id);
    if (i === -1) return;
    const next = terminals.filter((t) => t.id !== id);
    const active = get().active === id ? (next[Math.min(i, next.length - 1)]?.id ?? null) : get().active;
    set({ terminals: next, active });
  },
  activate(id) {
    set({ active: id });
  },
  exited(id, exitCode) {
    set({ terminals: get().terminals.map((t) => (t.id === id ? { ...t, exitCode } : t)) });
  },
  setRestored() {
    set({ restored: true });
  },
}));
