import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { FileChange } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { toRelative } from './confine';

/** Not watched: .git churns on every git command, node_modules can hold 100k files and exhaust inotify. */
const UNWATCHED = new Set(['.git', 'node_modules']);

export interface WatcherOptions {
  /** Changes within this window travel as one event (a `git checkout` touches hundreds of files at once). */
  batchMs?: number;
  /** Absolute paths to leave out (Keel's own temp files during a save). */
  ignoreFile?: (absolute: string) => boolean;
}

/**
 * Watches the whole workspace and reports coalesced batches of changes. chokidar is imported on start, not at
 * module load, so the host starts fast and pays for the initial scan only when a workspace is actually used.
 */
export class WorkspaceWatcher implements Disposable {
  private batch = new Map<string, FileChange>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  private constructor(
    private readonly root: string,
    private readonly watcher: FSWatcher,
    private readonly onChanges: (changes: FileChange[]) => void,
    private readonly batchMs: number,
    /** Resolves once the initial scan is done: changes made after it are reported. */
    readonly ready: Promise<void>,
  ) {}

  static async start(
    root: string,
    onChanges: (changes: FileChange[]) => void,
    options: WatcherOptions = {},
  ): Promise<WorkspaceWatcher> {
    const { watch } = await import('chokidar');
    const watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (p: string) => {
        if (options.ignoreFile?.(p)) return true;
        const rel = toRelative(root, p);
        return rel.split('/').some((segment) => UNWATCHED.has(segment));
      },
    });
    const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    const self = new WorkspaceWatcher(root, watcher, onChanges, options.batchMs ?? 50, ready);
    watcher.on('all', (event, p) => self.record(event, p));
    watcher.on('error', (err) => {
      // Typically ENOSPC (inotify limit): the explorer still works, it just stops updating by itself.
      console.error(`Keel: file watching failed under ${root}: ${err instanceof Error ? err.message : String(err)}`);
    });
    return self;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.batch.clear();
    await this.watcher.close();
  }

  private record(event: string, absolute: string): void {
    if (this.disposed) return;
    const rel = toRelative(this.root, path.resolve(absolute));
    if (!rel || rel === '..' || rel.startsWith('../')) return;
    const isDirectory = event === 'addDir' || event === 'unlinkDir';
    const type: FileChange['type'] | undefined =
      event === 'add' || event === 'addDir'
        ? 'created'
        : event === 'change'
          ? 'changed'
          : event === 'unlink' || event === 'unlinkDir'
            ? 'deleted'
            : undefined;
    if (!type) return;
    this.merge({ type, path: rel, isDirectory });
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** Keeps one entry per path: created+deleted cancels out (temp files), deleted+created is a change. */
  private merge(change: FileChange): void {
    const previous = this.batch.get(change.path);
    if (!previous) {
      this.batch.set(change.path, change);
      return;
    }
    if (previous.type === 'created' && change.type === 'deleted') this.batch.delete(change.path);
    else if (previous.type === 'created') this.batch.set(change.path, { ...change, type: 'created' });
    else if (previous.type === 'deleted' && change.type === 'created') {
      this.batch.set(change.path, { ...change, type: change.isDirectory === previous.isDirectory ? 'changed' : 'created' });
    } else this.batch.set(change.path, change);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.disposed || this.batch.size === 0) return;
    const changes = [...this.batch.values()];
    this.batch.clear();
    this.onChanges(changes);
  }
}
