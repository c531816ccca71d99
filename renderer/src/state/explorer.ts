import { create } from 'zustand';
import type { DirEntry, FileChange } from '../../../protocol';
import { isAtOrUnder } from './tabs';

/** An inline input in the tree: a new entry under `parent`, or renaming `path`. */
export type ExplorerEdit =
  | { kind: 'newFile' | 'newFolder'; parent: string }
  | { kind: 'rename'; path: string };

export interface ExplorerState {
  /** Children of each listed folder ('' is the root); a folder absent here was never listed. */
  children: Record<string, DirEntry[]>;
  expanded: Record<string, boolean>;
  loading: Record<string, boolean>;
  errors: Record<string, string>;
  selected: string | null;
  edit: ExplorerEdit | null;
  load(dir: string): Promise<void>;
  toggle(dir: string): Promise<void>;
  expand(dir: string): Promise<void>;
  collapseAll(): void;
  select(path: string | null): void;
  setEdit(edit: ExplorerEdit | null): void;
  /** Re-lists the folders whose contents the changes touch (only those already listed). */
  applyChanges(changes: FileChange[]): Promise<void>;
  refreshAll(): Promise<void>;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Folders first, then files, each by name in natural order, as VS Code's explorer sorts. */
export function sortEntries(entries: DirEntry[]): DirEntry[] {
  const rank = (e: DirEntry) => (e.kind === 'directory' ? 0 : 1);
  return [...entries].sort((a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name));
}

export const createExplorerStore = (list: (dir: string) => Promise<DirEntry[]>) =>
  create<ExplorerState>()((set, get) => {
    const without = <T>(record: Record<string, T>, key: string) => {
      const next = { ...record };
      delete next[key];
      return next;
    };
    return {
      children: {},
      expanded: { '': true },
      loading: {},
      errors: {},
      selected: null,
      edit: null,
      async load(dir) {
        set({ loading: { ...get().loading, [dir]: true } });
        try {
          const entries = sortEntries(await list(dir));
          set({ children: { ...get().children, [dir]: entries }, errors: without(get().errors, dir) });
        } catch (err) {
          set({ errors: { ...get().errors, [dir]: err instanceof Error ? err.message : String(err) } });
        } finally {
          set({ loading: without(get().loading, dir) });
        }
      },
      async toggle(dir) {
        if (get().expanded[dir]) set({ expanded: { ...get().expanded, [dir]: false } });
        else await get().expand(dir);
      },
      async expand(dir) {
        set({ expanded: { ...get().expanded, [dir]: true } });
        if (!get().children[dir]) await get().load(dir);
      },
      collapseAll() {
        set({ expanded: { '': true } });
      },
      select(path) {
        set({ selected: path });
      },
      setEdit(edit) {
        set({ edit });
      },
      async applyChanges(changes) {
        const { children } = get();
        const dirs = new Set<string>();
        const dropped: string[] = [];
        for (const change of changes) {
          const parent = parentOf(change.path);
          if (children[parent]) dirs.add(parent);
          if (change.type === 'deleted') dropped.push(change.path);
        }
        if (dropped.length > 0) {
          // A deleted folder's cached listing (and its subfolders') would be stale if it came back.
          const keep = (key: string) => !dropped.some((d) => isAtOrUnder(key, d));
          const filter = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([k]) => keep(k)));
          const selected = get().selected;
          set({
            children: filter(get().children),
            expanded: filter(get().expanded),
            selected: selected !== null && !keep(selected) ? null : selected,
          });
        }
        await Promise.all([...dirs].filter((d) => get().children[d]).map((d) => get().load(d)));
      },
      async refreshAll() {
        await Promise.all(Object.keys(get().children).map((d) => get().load(d)));
      },
    };
  });

export type ExplorerStore = ReturnType<typeof createExplorerStore>;
