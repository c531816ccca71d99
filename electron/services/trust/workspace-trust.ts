import type { FileChange, PendingApproval, TrustState } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { Emitter } from '../../base/emitter';
import { defineFolderService } from '../app/folder-service';
import { sharedTrustStore } from './shared-stores';
import { isGuardedFile, listGuardedFiles } from './workspace/guarded-files';
import type { TrustDecision, WorkspaceTrustStore } from './workspace/workspace-trust-store';

export interface WorkspaceTrustOptions {
  /** The folder's real path (a workbench root is one). */
  root: string;
  userDataDir: string;
  /** Watcher batches: a hook file or mcp.json changing on disk may make it pending. */
  onDidChangeFiles?: (listener: (changes: readonly FileChange[]) => void) => Disposable;
}

/**
 * The open folder's trust: the user's decision (trusted / restricted / undecided), and which hook files and
 * mcp.json wait for re-approval. Until the stored decisions are read, the folder counts as untrusted (fails
 * closed). `onDidChange` fires with the full state whenever the decision, an approval or a guarded file changes.
 */
export class WorkspaceTrust implements Disposable {
  readonly ready: Promise<void>;
  private store: WorkspaceTrustStore | undefined;
  private readonly changed = new Emitter<TrustState>();
  private readonly disposables = new DisposableStore();
  /** Serializes state computations so listeners see states in order. */
  private announcing: Promise<unknown> = Promise.resolve();

  readonly onDidChange = this.changed.event;

  constructor(private readonly options: WorkspaceTrustOptions) {
    this.ready = sharedTrustStore(options.userDataDir).then((store) => {
      this.store = store;
      if (this.disposables.isDisposed) return;
      this.disposables.add(store.onDidChange((c) => c.folder === options.root && this.announce()));
    });
    this.ready.catch(() => undefined);
    if (options.onDidChangeFiles) {
      this.disposables.add(options.onDidChangeFiles((changes) => changes.some((c) => isGuardedFile(c.path)) && this.announce()));
    }
  }

  get root(): string {
    return this.options.root;
  }

  /** Synchronous (agent commands ask on every call); false until the decisions are read. */
  isTrusted(): boolean {
    return this.decision() === 'trusted';
  }

  decision(): TrustDecision {
    return this.store?.decisionFor(this.options.root) ?? 'undecided';
  }

  async decide(decision: 'trusted' | 'restricted'): Promise<TrustState> {
    const store = await this.loaded();
    if (decision === 'trusted') await store.trust(this.options.root);
    else await store.restrict(this.options.root);
    return this.state();
  }

  /** Approves exactly `content` (the text the user was shown) for a pending hook file or mcp.json. */
  async approve(file: string, content: string): Promise<TrustState> {
    const store = await this.loaded();
    await store.approveFile(this.options.root, file, content);
    return this.state();
  }

  /** After Keel itself wrote a guarded file the user authored (the hook form): keep it approved. */
  async approveOwnWrite(file: string, content: string): Promise<void> {
    const store = await this.loaded();
    if (store.decisionFor(this.options.root) === 'trusted') await store.approveFile(this.options.root, file, content);
  }

  isApprovedContent(file: string, content: string): Promise<boolean> {
    return this.loaded().then((store) => store.isApprovedContent(this.options.root, file, content));
  }

  async state(): Promise<TrustState> {
    const store = await this.loaded();
    const root = this.options.root;
    const decision = store.decisionFor(root);
    const guardedFiles = await listGuardedFiles(root);
    const pending: PendingApproval[] = [];
    if (decision === 'trusted') {
      for (const file of guardedFiles) {
        const s = await store.fileState(root, file);
        if (s.state === 'new') pending.push({ file, state: 'new', content: s.current });
        else if (s.state === 'changed') pending.push({ file, state: 'changed', content: s.current, diff: s.diff });
      }
    }
    return { root, decision, guardedFiles, pending, ...(store.loadProblem ? { problem: store.loadProblem } : {}) };
  }

  async dispose(): Promise<void> {
    await this.disposables.dispose();
  }

  private async loaded(): Promise<WorkspaceTrustStore> {
    await this.ready;
    if (!this.store) throw new Error('The trust decisions could not be read.');
    return this.store;
  }

  private announce(): void {
    if (!this.changed.hasListeners || this.disposables.isDisposed) return;
    this.announcing = this.announcing
      .then(() => this.state())
      .then((s) => !this.disposables.isDisposed && this.changed.fire(s))
      .catch((err: unknown) => console.error('Keel: could not read the trust state:', err));
  }
}

export const workspaceTrustKey = defineFolderService(
  'workspaceTrust',
  (ctx) => new WorkspaceTrust({ root: ctx.workspace.root, userDataDir: ctx.userDataDir, onDidChangeFiles: ctx.workspace.onDidChangeFiles }),
);
