import { KeelError, type DriftState, type FileChange } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { defineFolderService, type FolderContext } from '../app/folder-service';
import { listSpecs, type SpecWorkspace } from '../specs/spec-service';
import { specWorkspace } from '../specs/workspace-adapter';
import { findDrift, reviewEntry, type DriftSpec } from './drift';
import { reviewKey, writeReviewed } from './drift-reviewed';
import type { GitRepo } from './git-repo';
import { gitServiceKey } from './git-service';

export interface DriftServiceOptions {
  root: string;
  userDataDir: string;
  specs: SpecWorkspace;
  /** The repository for blame times (undefined outside git and in Restricted Mode). */
  repository: () => Promise<GitRepo | undefined>;
  /** Broadcasts `git/driftChanged` when the findings differ from the last ones sent. */
  onChanged: (state: DriftState) => void;
  onDidChangeFiles?: (listener: (changes: readonly FileChange[]) => void) => Disposable;
  /** Git's status moved (a commit turns "uncommitted" requirement lines into committed ones, with new times). */
  onDidChangeGit?: (listener: () => void) => Disposable;
  /** Quiet time after the last file event before drift is computed again. */
  debounceMs?: number;
}

/**
 * Drift for the open folder, computed in the main process (never on the renderer's thread): on first request, then
 * after every watcher batch once the burst settles — one computation at a time, one more if files changed while it
 * ran. The result is broadcast only when it differs, so an unrelated save costs a few stats and no repaint.
 */
export class DriftService implements Disposable {
  private readonly resources = new DisposableStore();
  private lastKey = '';
  private running: Promise<DriftState> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Set by the first request: until something asks, watcher batches cost nothing. */
  private started = false;

  constructor(private readonly options: DriftServiceOptions) {
    if (options.onDidChangeFiles) this.resources.add(options.onDidChangeFiles(() => this.schedule()));
    if (options.onDidChangeGit) this.resources.add(options.onDidChangeGit(() => this.schedule()));
  }

  /** The findings as of now (a request recomputes: it joins a computation in progress, else starts one). */
  state(): Promise<DriftState> {
    return this.refresh();
  }

  /** Records the task's files and requirements as reviewed, then returns the new findings. */
  async review(specDir: string, taskId: string): Promise<DriftState> {
    const spec = (await this.readSpecs()).find((s) => s.dir === specDir);
    if (!spec?.tasks) throw new KeelError('NOT_FOUND', `No spec with a tasks.md at ${specDir}`);
    const entry = await reviewEntry(this.options.root, this.options.userDataDir, spec, taskId).catch((e: unknown) => {
      throw new KeelError('NOT_FOUND', e instanceof Error ? e.message : String(e));
    });
    await writeReviewed(this.options.root, reviewKey(specDir, taskId), entry);
    return this.refresh();
  }

  /** Coalesces bursts (a checkout, a Run all): one computation after the burst settles. */
  schedule(): void {
    if (this.disposed || !this.started) return; // nobody has asked yet: nothing to keep current
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh().catch((err: unknown) => console.error('Keel: drift could not be computed:', err));
    }, this.options.debounceMs ?? 300);
  }

  dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    return this.resources.dispose();
  }

  private refresh(): Promise<DriftState> {
    // From here on every watcher batch counts — also one arriving while this first computation runs.
    this.started = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let state: DriftState;
        do {
          this.again = false;
          state = await this.compute();
        } while (this.again && !this.disposed);
        this.publish(state);
        return state;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async compute(): Promise<DriftState> {
    const report = await findDrift({ root: this.options.root, userDataDir: this.options.userDataDir, specs: await this.readSpecs(), repo: await this.options.repository() });
    const problem = report.problems[0]?.message;
    return { findings: report.findings, ...(problem ? { reviewedProblem: problem } : {}) };
  }

  private publish(state: DriftState): void {
    const key = JSON.stringify(state);
    if (key === this.lastKey || this.disposed) return;
    const first = this.lastKey === '';
    this.lastKey = key;
    if (!first || state.findings.length > 0 || state.reviewedProblem) this.options.onChanged(state);
  }

  private async readSpecs(): Promise<DriftSpec[]> {
    const ws = this.options.specs;
    return Promise.all(
      (await listSpecs(ws)).map(async (s) => {
        const tasks = s.files.tasks ? await ws.readText(s.files.tasks) : undefined;
        const reqs = s.files.requirements ? await ws.readText(s.files.requirements) : undefined;
        return {
          dir: s.dir,
          ...(s.files.tasks && tasks !== undefined ? { tasks: { path: s.files.tasks, text: tasks } } : {}),
          ...(s.files.requirements && reqs !== undefined ? { requirements: { path: s.files.requirements, text: reqs } } : {}),
        };
      }),
    );
  }
}

/** The open folder's drift (created on the first `git/drift` request, disposed with the folder). */
export const driftServiceKey = defineFolderService('drift', (ctx: FolderContext) => {
  void ctx.workspace.startWatching();
  const git = ctx.scoped(gitServiceKey);
  return new DriftService({
    root: ctx.workspace.root,
    userDataDir: ctx.userDataDir,
    specs: specWorkspace(ctx.workspace),
    repository: () => git.repository(),
    onChanged: (state) => ctx.emit('git/driftChanged', state),
    onDidChangeFiles: (listener) => ctx.workspace.onDidChangeFiles(listener),
    onDidChangeGit: (listener) => git.onDidChangeStatus(() => listener()),
  });
});
