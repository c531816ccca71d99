import { RequestError } from '../../../protocol/error-codes';
import type { Client, FileChange } from '../../../protocol';
import type { DocumentsStore } from '../state/documents';
import { isAtOrUnder } from '../state/tabs';
import { splitBom, textForSave, type Eol } from './textCodec';

/** The editor's text model for one file, seen through what the document logic needs (Monaco in the app). */
export interface TextBuffer {
  /** The editor's model (Monaco's ITextModel), for the components that display it. */
  readonly handle: unknown;
  getText(): string;
  /** Changes with every edit and returns to an earlier value on undo, like Monaco's alternative version id. */
  altVersion(): number;
  /** Replaces the whole text as one undoable edit, so what was there can be recovered with Undo. */
  replaceAll(body: string): void;
  eol(): Eol;
  onDidChange(listener: () => void): () => void;
  setPath(path: string): void;
  dispose(): void;
}

export type BufferFactory = (path: string, body: string) => TextBuffer;

interface OpenDoc {
  buffer: TextBuffer;
  /** Full text (BOM included) last read from or written to disk, and its version. */
  original: string;
  version: string;
  bom: boolean;
  savedAlt: number;
  /** Saves and reactions to disk changes run one at a time per file, in order. */
  queue: Promise<void>;
  unsubscribe: () => void;
}

/**
 * Owns the open files: loads them into buffers, saves them with the version they started from, and reconciles
 * changes made on disk. Invariant: no text the user typed is dropped without their say — a dirty buffer is never
 * overwritten by a disk change, and replacing text is always an undoable edit.
 */
export class DocumentManager {
  private readonly open = new Map<string, OpenDoc>();
  private readonly loading = new Map<string, Promise<void>>();
  /** Set when the host closed this folder: paths would now resolve in another folder, so nothing is read or written. */
  private frozen = false;

  constructor(
    private readonly client: Client,
    private readonly store: DocumentsStore,
    private readonly buffers: () => Promise<BufferFactory>,
  ) {}

  buffer(path: string): TextBuffer | undefined {
    return this.open.get(path)?.buffer;
  }

  isOpen(path: string): boolean {
    return this.open.has(path) || this.loading.has(path);
  }

  dirtyPaths(): string[] {
    return [...this.open.keys()].filter((p) => this.store.getState().docs[p]?.dirty);
  }

  openFile(path: string): Promise<void> {
    if (this.open.has(path)) return Promise.resolve();
    const existing = this.loading.get(path);
    if (existing) return existing;
    const task = this.load(path).finally(() => this.loading.delete(path));
    this.loading.set(path, task);
    return task;
  }

  private async load(path: string): Promise<void> {
    this.store.getState().patch(path, { status: 'loading' });
    try {
      const [file, factory] = await Promise.all([
        this.client.request('workspace/readFile', { path }),
        this.buffers(),
      ]);
      const { bom, body } = splitBom(file.content);
      const buffer = factory(path, body);
      const doc: OpenDoc = {
        buffer,
        original: file.content,
        version: file.version,
        bom,
        savedAlt: buffer.altVersion(),
        queue: Promise.resolve(),
        unsubscribe: () => {},
      };
      doc.unsubscribe = buffer.onDidChange(() => this.refreshDirty(doc));
      this.open.set(path, doc);
      this.store.getState().patch(path, {
        status: 'ready',
        error: undefined,
        readOnly: file.readOnly,
        notice: file.notice,
        bom,
        eol: buffer.eol(),
        dirty: false,
      });
    } catch (err) {
      this.store.getState().patch(path, { status: 'error', error: err instanceof Error ? err.message : String(err) });
    }
  }

  close(path: string): void {
    const doc = this.open.get(path);
    if (doc) {
      doc.unsubscribe();
      doc.buffer.dispose();
      this.open.delete(path);
    }
    this.store.getState().remove(path);
  }

  /** The host closed the folder: keep the buffers on screen but never touch disk through them again. */
  freeze(): void {
    this.frozen = true;
  }

  /** Saves if there is something to save; resolves false when the save did not happen (conflict, error). */
  save(path: string): Promise<boolean> {
    return this.enqueue(path, async (doc, path) => {
      const meta = this.store.getState().docs[path];
      if (!meta || meta.readOnly) return false;
      if (meta.conflict) return false;
      if (!this.isEdited(doc) && !meta.deletedOnDisk) return true;
      return this.write(path, doc, meta.deletedOnDisk ? undefined : doc.version);
    });
  }

  async saveAll(): Promise<boolean> {
    const results = await Promise.all(this.dirtyPaths().map((p) => this.save(p)));
    return results.every(Boolean);
  }

  /** "Keep mine": write the buffer over whatever is on disk. */
  keepMine(path: string): Promise<boolean> {
    return this.enqueue(path, (doc, path) => this.write(path, doc, undefined));
  }

  /** "Take theirs": load the disk version as an undoable edit, so Undo still brings the user's text back. */
  takeTheirs(path: string): Promise<boolean> {
    return this.enqueue(path, async (doc, path) => {
      const conflict = this.store.getState().docs[path]?.conflict;
      if (!conflict) return false;
      this.adopt(path, doc, conflict.theirs, conflict.theirsVersion);
      return true;
    });
  }

  setComparing(path: string, comparing: boolean): void {
    const conflict = this.store.getState().docs[path]?.conflict;
    if (conflict) this.store.getState().patch(path, { conflict: { ...conflict, comparing } });
  }

  /** Reacts to `workspace/changed` for the open files. */
  handleChanges(changes: FileChange[]): void {
    if (this.frozen) return;
    for (const path of this.open.keys()) {
      const change = [...changes].reverse().find((c) => isAtOrUnder(path, c.path));
      if (!change) continue;
      if (change.type === 'deleted') {
        // Let a pending save finish first: a save recreating the file is newer than this event.
        void this.enqueue(path, async (_doc, path) => {
          this.store.getState().patch(path, { deletedOnDisk: true });
          return true;
        });
      } else {
        void this.enqueue(path, (doc, path) => this.reconcile(path, doc));
      }
    }
  }

  /** Re-reads every open file (after a reconnect, when events may have been missed). */
  recheckAll(): void {
    if (this.frozen) return;
    for (const path of this.open.keys()) void this.enqueue(path, (doc, p) => this.reconcile(p, doc));
  }

  /** A file or folder was renamed in the explorer: open buffers follow it. */
  rename(from: string, to: string): void {
    for (const [path, doc] of [...this.open]) {
      if (!isAtOrUnder(path, from)) continue;
      const next = to + path.slice(from.length);
      this.open.delete(path);
      this.open.set(next, doc);
      doc.buffer.setPath(next);
      this.store.getState().move(path, next);
    }
  }

  private async reconcile(path: string, doc: OpenDoc): Promise<boolean> {
    let file;
    try {
      file = await this.client.request('workspace/readFile', { path });
    } catch (err) {
      if (err instanceof RequestError && err.code === 'NOT_FOUND') {
        this.store.getState().patch(path, { deletedOnDisk: true });
        return false;
      }
      throw err;
    }
    const meta = this.store.getState().docs[path];
    this.store.getState().patch(path, { deletedOnDisk: false, readOnly: file.readOnly, notice: file.notice });
    if (file.version === doc.version) return true; // our own save, or a touch without new content
    // The disk now holds exactly what the user typed (e.g. saved elsewhere): nothing to choose between.
    const sameAsMine = textForSave(doc.original, doc.bom, this.isEdited(doc), doc.buffer.getText()) === file.content;
    if (sameAsMine) {
      doc.original = file.content;
      doc.version = file.version;
      doc.savedAlt = doc.buffer.altVersion();
      this.store.getState().patch(path, { conflict: null });
      this.refreshDirty(doc, path);
      return true;
    }
    if (this.isEdited(doc) || meta?.conflict) {
      this.store.getState().patch(path, {
        conflict: {
          reason: meta?.conflict?.reason ?? 'changed',
          theirs: file.content,
          theirsVersion: file.version,
          comparing: meta?.conflict?.comparing ?? false,
        },
      });
      return false;
    }
    this.adopt(path, doc, file.content, file.version);
    return true;
  }

  private async write(path: string, doc: OpenDoc, expectedVersion: string | undefined): Promise<boolean> {
    const content = textForSave(doc.original, doc.bom, this.isEdited(doc), doc.buffer.getText());
    const alt = doc.buffer.altVersion();
    this.store.getState().patch(path, { saving: true });
    try {
      const result = await this.client.request('workspace/writeFile', {
        path,
        content,
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      doc.original = content;
      doc.version = result.version;
      doc.savedAlt = alt;
      this.store.getState().patch(path, { conflict: null, deletedOnDisk: false });
      this.refreshDirty(doc, path);
      return true;
    } catch (err) {
      if (err instanceof RequestError && err.code === 'CONFLICT') {
        const theirs = await this.client.request('workspace/readFile', { path });
        this.store.getState().patch(path, {
          conflict: { reason: 'saveRejected', theirs: theirs.content, theirsVersion: theirs.version, comparing: false },
        });
        return false;
      }
      throw err;
    } finally {
      this.store.getState().patch(path, { saving: false });
    }
  }

  /** Makes `content` the buffer's text and the saved state. */
  private adopt(path: string, doc: OpenDoc, content: string, version: string) {
    const { bom, body } = splitBom(content);
    if (doc.buffer.getText() !== body) doc.buffer.replaceAll(body);
    doc.original = content;
    doc.version = version;
    doc.bom = bom;
    doc.savedAlt = doc.buffer.altVersion();
    this.store.getState().patch(path, { conflict: null, bom, eol: doc.buffer.eol() });
    this.refreshDirty(doc, path);
  }

  private isEdited(doc: OpenDoc): boolean {
    return doc.buffer.altVersion() !== doc.savedAlt;
  }

  private refreshDirty(doc: OpenDoc, knownPath?: string) {
    const path = knownPath ?? [...this.open].find(([, d]) => d === doc)?.[0];
    if (path === undefined) return;
    const dirty = this.isEdited(doc);
    const meta = this.store.getState().docs[path];
    if (meta && (meta.dirty !== dirty || meta.eol !== doc.buffer.eol())) {
      this.store.getState().patch(path, { dirty, eol: doc.buffer.eol() });
    }
  }

  /** Runs `task` after the file's earlier saves/reloads; errors become a `false` result and a reported error. */
  private enqueue(path: string, task: (doc: OpenDoc, path: string) => Promise<boolean>): Promise<boolean> {
    const doc = this.open.get(path);
    if (!doc) return Promise.resolve(false);
    if (this.frozen) {
      this.onError(path, new Error('the folder was closed; copy your changes elsewhere or reload'));
      return Promise.resolve(false);
    }
    const run = doc.queue.then(async () => {
      // The document may have been renamed or closed while waiting: find it again by identity.
      const current = [...this.open].find(([, d]) => d === doc)?.[0];
      if (current === undefined) return false;
      try {
        return await task(doc, current);
      } catch (err) {
        this.onError(current, err);
        return false;
      }
    });
    doc.queue = run.then(() => undefined);
    return run;
  }

  onError: (path: string, err: unknown) => void = () => {};
}
