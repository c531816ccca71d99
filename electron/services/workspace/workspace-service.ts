import type { FileChange } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { Emitter } from '../../base/emitter';
import { FileIndex, type QuickOpenResult } from './file-index';
import { WorkspaceWatcher } from './watcher';
import { WorkspaceFs } from './workspace-fs';

export interface WorkspaceServiceOptions {
  /** Receives every coalesced batch of file changes (the host forwards it as `workspace/changed`). */
  onChanges: (changes: FileChange[]) => void;
  batchMs?: number;
}

/**
 * One open folder: its file operations, its quick-open index and its watcher. The watcher starts with the first
 * request that needs it (not at construction) so opening Keel stays fast; dispose() stops it.
 */
export class WorkspaceService implements Disposable {
  readonly index: FileIndex;
  private watcher: Promise<WorkspaceWatcher> | undefined;
  private disposed = false;
  private readonly changes = new Emitter<FileChange[]>();
  private readonly saves = new Emitter<string>();
  /** Every coalesced watcher batch: other programs, git, the agent, Keel's own writes. */
  readonly onDidChangeFiles = this.changes.event;
  /** A file the user saved from an editor (workspace-relative path), after the bytes are on disk. */
  readonly onDidSave = this.saves.event;

  private constructor(
    readonly fs: WorkspaceFs,
    private readonly options: WorkspaceServiceOptions,
  ) {
    this.index = new FileIndex(fs.root);
  }

  static async open(folder: string, options: WorkspaceServiceOptions): Promise<WorkspaceService> {
    return new WorkspaceService(await WorkspaceFs.open(folder), options);
  }

  get root(): string {
    return this.fs.root;
  }

  get name(): string {
    return this.fs.name;
  }

  /** Starts watching (idempotent); resolves once changes from now on will be reported. */
  async startWatching(): Promise<void> {
    if (this.disposed) return;
    this.watcher ??= WorkspaceWatcher.start(
      this.fs.root,
      (changes) => {
        this.index.applyChanges(changes);
        this.options.onChanges(changes);
        this.changes.fire(changes);
      },
      { batchMs: this.options.batchMs, ignoreFile: (p) => this.fs.ownTempFiles.has(p) },
    );
    await (await this.watcher).ready;
  }

  /** The user's save from an editor: an optimistic-concurrency write, then `onDidSave`. */
  async save(rel: string, content: string, expectedVersion?: string): Promise<{ version: string; size: number }> {
    const result = await this.fs.writeFile(rel, content, expectedVersion);
    this.saves.fire(rel);
    return result;
  }

  async quickOpen(query: string, limit: number): Promise<QuickOpenResult> {
    void this.startWatching();
    return this.index.query(query, limit);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const watcher = this.watcher;
    this.watcher = undefined;
    if (watcher) await (await watcher).dispose();
  }
}
