import { realpath } from 'node:fs/promises';
import { KeelError } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { TerminalService, type TerminalServiceOptions } from '../terminal/terminal-service';
import { WorkspaceService } from '../workspace/workspace-service';
import type { EmitEvent, FolderContext, FolderServiceKey } from './folder-service';
import type { RecentFolders } from './user-data';

export type { EmitEvent } from './folder-service';

export interface WorkbenchOptions {
  emit: EmitEvent;
  recent: RecentFolders;
  /** Keel's own state directory; folder services keep sessions, trust decisions and run journals there. */
  userDataDir: string;
  /** Tests fix the shell and flow control; the hosts use the defaults. */
  terminal?: Pick<TerminalServiceOptions, 'shell' | 'args' | 'env' | 'flow'>;
  watchBatchMs?: number;
  /**
   * No window will ever show this folder's terminals (the `keel` CLI): features run commands as plain child
   * processes, where a command waiting for input gets end-of-input at once instead of hanging in an unseen pty.
   */
  headless?: boolean;
}

interface OpenFolder {
  workspace: WorkspaceService;
  terminals: TerminalService;
  /** Everything that lives as long as the folder is open: closing it releases all (ptys first). */
  resources: DisposableStore;
  /** Folder services created so far, by key. */
  services: Map<FolderServiceKey<unknown>, unknown>;
  context: FolderContext;
}

type OpenListener = (ctx: FolderContext) => void;

/**
 * What one window works on: the open folder with its services. Opening another folder closes the previous one
 * completely (watcher stopped, ptys killed) — both hosts share this, neither holds any of this logic itself.
 */
export class Workbench implements Disposable {
  private current: OpenFolder | undefined;
  private readonly openListeners = new Set<OpenListener>();

  constructor(private readonly options: WorkbenchOptions) {}

  get emit(): EmitEvent {
    return this.options.emit;
  }

  get userDataDir(): string {
    return this.options.userDataDir;
  }

  /** The open folder's instance of a feature service, created on first use; throws NOT_FOUND with no folder. */
  scoped<T>(key: FolderServiceKey<T>): T {
    return scopedIn(this.require(), key);
  }

  /**
   * Runs `listener` for the folder open now (if any) and for every folder opened later: the place for services
   * that must start with the folder (hooks engine, trust prompt) rather than on a first request.
   */
  whenOpen(listener: OpenListener): Disposable {
    this.openListeners.add(listener);
    if (this.current) runListener(listener, this.current.context);
    return { dispose: () => void this.openListeners.delete(listener) };
  }

  get workspace(): WorkspaceService {
    return this.require().workspace;
  }

  get terminals(): TerminalService {
    return this.require().terminals;
  }

  async open(folder: string): Promise<void> {
    const { emit } = this.options;
    // Re-opening the folder that is already open must not kill its terminals.
    if (this.current && (await realpath(folder).catch(() => folder)) === this.current.workspace.root) {
      await this.options.recent.add(this.current.workspace.root).catch(() => undefined);
      return;
    }
    // Open the new folder first: if it fails, the current one stays usable.
    const workspace = await WorkspaceService.open(folder, {
      onChanges: (changes) => emit('workspace/changed', { changes }),
      batchMs: this.options.watchBatchMs,
    });
    const terminals = new TerminalService({
      ...this.options.terminal,
      cwd: workspace.root,
      onData: (id, data) => emit('terminal/data', { id, data }),
      onExit: (id, exitCode, signal) => emit('terminal/exit', signal === undefined ? { id, exitCode } : { id, exitCode, signal }),
    });
    const resources = new DisposableStore();
    resources.add(workspace);
    resources.add(terminals);
    const services = new Map<FolderServiceKey<unknown>, unknown>();
    const opened: OpenFolder = {
      workspace,
      terminals,
      resources,
      services,
      context: {
        workspace,
        terminals,
        emit,
        userDataDir: this.options.userDataDir,
        headless: this.options.headless ?? false,
        scoped: (key) => scopedIn(opened, key),
      },
    };
    const previous = this.current;
    this.current = opened;
    if (previous) {
      emit('app/workspaceClosing', {});
      await close(previous);
    }
    await this.options.recent.add(workspace.root).catch(() => undefined); // a read-only home must not block opening
    for (const listener of this.openListeners) runListener(listener, opened.context);
  }

  connectionClosed(connectionId: string): void {
    this.current?.terminals.connectionClosed(connectionId);
  }

  /** The app is quitting: tell the renderer (it stops reconnecting and saving), then release everything. */
  async dispose(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    this.options.emit('app/workspaceClosing', {});
    await close(current);
  }

  private require(): OpenFolder {
    if (!this.current) throw new KeelError('NOT_FOUND', 'No folder is open');
    return this.current;
  }
}

function scopedIn<T>(folder: OpenFolder, key: FolderServiceKey<T>): T {
  if (folder.services.has(key)) return folder.services.get(key) as T;
  const service = key.create(folder.context);
  folder.services.set(key, service);
  const disposable = service as Partial<Disposable> | undefined;
  // Feature services are disposed before the workspace and terminals they were built on (DisposableStore
  // releases in reverse order of adding).
  if (typeof disposable?.dispose === 'function') folder.resources.add(disposable as Disposable);
  return service;
}

function runListener(listener: OpenListener, ctx: FolderContext): void {
  try {
    listener(ctx);
  } catch (err) {
    // One feature failing to start must not stop the folder from opening or the other features from starting.
    console.error('Keel: a feature failed to start with the folder:', err);
  }
}

async function close(folder: OpenFolder): Promise<void> {
  // A watcher that fails to close must not stop the rest of the shutdown; the ptys are already gone by then.
  await folder.resources.dispose().catch((err: unknown) => console.error('Keel: error while closing a folder:', err));
}
