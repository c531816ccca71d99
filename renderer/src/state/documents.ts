import { create } from 'zustand';
import type { Eol } from '../editor/textCodec';

/** Disk and buffer disagree and the user must choose; nothing is written until they do. */
export interface Conflict {
  /** `changed`: the file changed on disk under unsaved edits; `saveRejected`: a save found a newer file. */
  reason: 'changed' | 'saveRejected';
  /** Full text on disk (BOM included) and its version. */
  theirs: string;
  theirsVersion: string;
  /** The user asked to see both versions side by side. */
  comparing: boolean;
}

export interface DocMeta {
  path: string;
  status: 'loading' | 'ready' | 'error';
  error?: string;
  dirty: boolean;
  saving: boolean;
  readOnly: boolean;
  notice?: string;
  bom: boolean;
  eol: Eol;
  conflict: Conflict | null;
  deletedOnDisk: boolean;
}

export interface DocumentsState {
  docs: Record<string, DocMeta>;
  patch(path: string, patch: Partial<DocMeta>): void;
  remove(path: string): void;
  move(from: string, to: string): void;
}

export const newDocMeta = (path: string): DocMeta => ({
  path,
  status: 'loading',
  dirty: false,
  saving: false,
  readOnly: false,
  bom: false,
  eol: 'LF',
  conflict: null,
  deletedOnDisk: false,
});

export const createDocumentsStore = () =>
  create<DocumentsState>()((set, get) => ({
    docs: {},
    patch(path, patch) {
      const current = get().docs[path] ?? newDocMeta(path);
      set({ docs: { ...get().docs, [path]: { ...current, ...patch } } });
    },
    remove(path) {
      const docs = { ...get().docs };
      delete docs[path];
      set({ docs });
    },
    move(from, to) {
      const docs = { ...get().docs };
      const meta = docs[from];
      if (!meta) return;
      delete docs[from];
      docs[to] = { ...meta, path: to };
      set({ docs });
    },
  }));

export type DocumentsStore = ReturnType<typeof createDocumentsStore>;

export const useDocuments = createDocumentsStore();
