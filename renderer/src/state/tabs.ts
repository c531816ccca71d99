import { create } from 'zustand';

/** A closed tab remembered for "Reopen Closed Editor": where it was, so it comes back in place. */
interface ClosedTab {
  path: string;
  index: number;
}

export interface TabsState {
  /** Open editor tabs, left to right, by workspace-relative path. */
  tabs: string[];
  active: string | null;
  /** Most recently active first: closing the active tab falls back to the previous one, as in VS Code. */
  mru: string[];
  closed: ClosedTab[];
  open(path: string): void;
  close(path: string): void;
  closeOthers(path: string): void;
  closeAll(): void;
  /** Reopens the most recently closed tab that is not open; returns its path or null. */
  reopenClosed(): string | null;
  activate(path: string): void;
  activateRelative(step: 1 | -1): void;
  /** A file or folder was renamed: tabs at or under `from` follow it. */
  rename(from: string, to: string): void;
}

const CLOSED_LIMIT = 50;

export function isAtOrUnder(path: string, dir: string): boolean {
  return path === dir || (dir === '' ? true : path.startsWith(`${dir}/`));
}

function remap(path: string, from: string, to: string): string {
  return isAtOrUnder(path, from) ? to + path.slice(from.length) : path;
}

export const createTabsStore = () =>
  create<TabsState>()((set, get) => {
    const closeMany = (paths: string[]) => {
      const { tabs, active, mru, closed } = get();
      const gone = new Set(paths.filter((p) => tabs.includes(p)));
      if (gone.size === 0) return;
      // Remembered as if closed one by one from the right, so reopening (last in, first out) restores each tab
      // at its exact former position.
      const remembered = tabs
        .map((path, index) => ({ path, index }))
        .filter((t) => gone.has(t.path))
        .reverse();
      const nextTabs = tabs.filter((p) => !gone.has(p));
      const nextMru = mru.filter((p) => !gone.has(p));
      const nextActive = active && !gone.has(active) ? active : (nextMru[0] ?? null);
      set({
        tabs: nextTabs,
        mru: nextMru,
        active: nextActive,
        closed: [...closed, ...remembered].slice(-CLOSED_LIMIT),
      });
    };
    return {
      tabs: [],
      active: null,
      mru: [],
      closed: [],
      open(path) {
        const { tabs, active } = get();
        if (tabs.includes(path)) return get().activate(path);
        // New tabs open to the right of the active one, as in VS Code.
        const at = active ? tabs.indexOf(active) + 1 : tabs.length;
        set({ tabs: [...tabs.slice(0, at), path, ...tabs.slice(at)] });
        get().activate(path);
      },
      close(path) {
        closeMany([path]);
      },
      closeOthers(path) {
        closeMany(get().tabs.filter((p) => p !== path));
        if (get().tabs.includes(path)) get().activate(path);
      },
      closeAll() {
        closeMany(get().tabs);
      },
      reopenClosed() {
        const closed = [...get().closed];
        while (closed.length > 0) {
          const last = closed.pop()!;
          if (get().tabs.includes(last.path)) continue;
          const tabs = [...get().tabs];
          tabs.splice(Math.min(last.index, tabs.length), 0, last.path);
          set({ tabs, closed });
          get().activate(last.path);
          return last.path;
        }
        set({ closed });
        return null;
      },
      activate(path) {
        if (!get().tabs.includes(path)) return;
        set({ active: path, mru: [path, ...get().mru.filter((p) => p !== path)] });
      },
      activateRelative(step) {
        const { tabs, active } = get();
        if (tabs.length === 0) return;
        const i = active ? tabs.indexOf(active) : 0;
        const next = tabs[(i + step + tabs.length) % tabs.length];
        if (next) get().activate(next);
      },
      rename(from, to) {
        const s = get();
        set({
          tabs: s.tabs.map((p) => remap(p, from, to)),
          mru: s.mru.map((p) => remap(p, from, to)),
          active: s.active === null ? null : remap(s.active, from, to),
          closed: s.closed.map((c) => ({ ...c, path: remap(c.path, from, to) })),
        });
      },
    };
  });

export const useTabs = createTabsStore();
