import { realpath } from 'node:fs/promises';
import { KeelError, type EventName, type EventOf } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { TerminalService, type TerminalServiceOptions } from '../terminal/terminal-service';
import { WorkspaceService } from '../workspace/workspace-service';
import type { RecentFolders } from './user-data';

export type EmitEvent = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface WorkbenchOptions {
  emit: EmitEvent;
  recent: RecentFolders;
  /** Tests fix the shell and flow control; the hosts use the defaults. */
  terminal?: Pick<TerminalServiceOptions, 'shell' | 'args' | 'env' | 'flow'>;
  watchBatchMs?: number;
}

interface OpenFolder {
  workspace: WorkspaceService;
  terminals: TerminalService;
  /** Everything that lives as long as the folder is open: closing it releases all (ptys first). */
  resources: DisposableStore;
}

/**
 * What one window works on: the open folder with its services. Opening another folder closes the previous one
 * completely (watcher stopped, ptys killed) — both hosts share this, neither holds any of this logic itself.
 */
export class Workbench implements Disposable {
  private current: OpenFolder | undefined;

  constructor(private readonly options: WorkbenchOptions) {}

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
    const previous = this.current;
    this.current = { workspace, terminals, resources };
    if (previous) {
      emit('app/workspaceClosing', {});
      await close(previous);
    }
    await this.options.recent.add(workspace.root).catch(() => undefined); // a read-only home must not block opening
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

async function close(folder: OpenFolder): Promise<void> {
  // A watcher that fails to close must not stop the rest of the shutdown; the ptys are already gone by then.
  await folder.resources.dispose().catch((err: unknown) => console.error('Keel: error while closing a folder:', err));
}
