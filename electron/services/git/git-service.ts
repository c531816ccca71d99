import { createHash } from 'node:crypto';
import path from 'node:path';
import { KeelError, type GitBranch, type GitCommit, type GitDiffSide, type GitFileDiff, type GitStatus, type GitSummary } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { Emitter } from '../../base/emitter';
import { defineFolderService, type FolderContext } from '../app/folder-service';
import { workspaceTrustKey } from '../trust/workspace-trust';
import { applyHunk, fileDiff, showAt } from './git-diff';
import { GitRepo } from './git-repo';
import { watchForGitInit, watchGitDir } from './git-watch';
import type { ParsedStatus } from './porcelain';

export interface GitServiceOptions {
  folder: string;
  /** Broadcasts `git/changed` (the status bar and the view listen). */
  onChanged: (summary: GitSummary) => void;
  /** Subscribes to the workspace watcher's batches. */
  onDidChangeFiles?: (listener: () => void) => Disposable;
  /** Copies of discarded files go below this folder. */
  backupRoot: string;
  /** Quiet time after the last file event before status runs again (a checkout is one refresh, not hundreds). */
  debounceMs?: number;
  /**
   * Workspace trust. Git reads the repository's own `.git/config`, which can name programs git runs on a plain
   * `git status` (core.fsmonitor, filter drivers, diff.external, core.sshCommand…), so in a folder that is not
   * trusted Keel runs no git at all (state 'restricted'), as VS Code's Restricted Mode does. Without this option
   * (tests of git behaviour) git always runs.
   */
  trust?: GitTrust;
}

export interface GitTrust {
  /** Resolves once the stored decision is known; until then git waits (fails closed). */
  ready: Promise<void>;
  isTrusted(): boolean;
  onDidChange(listener: () => void): Disposable;
}

/** Why a git operation was refused in Restricted Mode (shown as is). */
export const RESTRICTED_MESSAGE = 'Source control is off in Restricted Mode: git could run programs named in this repository’s configuration. Trust the folder to use it.';

const NONE: ParsedStatus = { detached: false, unborn: false, ahead: 0, behind: 0, staged: [], changes: [], conflicts: [] };

/**
 * Source control for the open folder. Status is refreshed when files change (the workspace watcher) and when
 * `.git` moves (HEAD, index, refs — the workspace watcher ignores `.git`), debounced and never two at once; every
 * operation refreshes right after it. Mutations run one at a time so two clicks never race for index.lock.
 */
export class GitService implements Disposable {
  private repo: Promise<GitRepo | undefined>;
  private readonly resources = new DisposableStore();
  private gitDirWatch: Disposable | undefined;
  private current: GitStatus = toStatus(undefined, NONE, 0);
  private lastKey = '';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<GitStatus> | undefined;
  private again = false;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private restricted = false;
  private readonly statusChanged = new Emitter<GitSummary>();
  /** In-process: the status moved (a commit, a branch switch, staging) — drift's blame times may have too. */
  readonly onDidChangeStatus = this.statusChanged.event;

  constructor(private readonly options: GitServiceOptions) {
    this.repo = this.locate();
    if (options.onDidChangeFiles) this.resources.add(options.onDidChangeFiles(() => this.scheduleRefresh()));
    if (options.trust) {
      this.resources.add(
        options.trust.onDidChange(() => {
          if (options.trust?.isTrusted() === !this.restricted) return;
          this.repo = this.locate();
          this.scheduleRefresh();
        }),
      );
    }
  }

  /** The repository for other git readers (drift's blame); undefined outside git and in Restricted Mode. */
  repository(): Promise<GitRepo | undefined> {
    return this.repo;
  }

  /** The status now (runs git status, or joins the run in progress). */
  status(): Promise<GitStatus> {
    return this.refresh();
  }

  async summary(): Promise<GitSummary> {
    const { staged: _s, changes: _c, conflicts: _x, ...summary } = await this.refresh();
    return summary;
  }

  async init(): Promise<GitSummary> {
    await this.serial(async () => {
      await this.repo;
      if (this.restricted) throw new KeelError('READ_ONLY', RESTRICTED_MESSAGE);
      if (await this.repo) return;
      const repo = await GitRepo.init(this.options.folder);
      this.repo = Promise.resolve(repo);
      await this.watchRepo(repo);
    });
    return this.summary();
  }

  stage(paths: string[]): Promise<void> {
    return this.mutate((repo) => repo.stage(paths));
  }

  unstage(paths: string[]): Promise<void> {
    return this.mutate((repo) => repo.unstage(paths));
  }

  discard(paths: string[]): Promise<{ backupDir?: string }> {
    return this.mutate((repo) => repo.discard(paths, this.options.backupRoot));
  }

  stageHunk(rel: string, index: number, id: string): Promise<void> {
    return this.mutate((repo) => applyHunk(repo, rel, 'changes', index, id));
  }

  unstageHunk(rel: string, index: number, id: string): Promise<void> {
    return this.mutate((repo) => applyHunk(repo, rel, 'staged', index, id));
  }

  async commit(message: string, amend: boolean): Promise<{ hash: string }> {
    return { hash: await this.mutate((repo) => repo.commit(message, amend)) };
  }

  createBranch(name: string): Promise<void> {
    return this.mutate((repo) => repo.createBranch(name));
  }

  checkout(name: string): Promise<void> {
    return this.mutate((repo) => repo.checkout(name));
  }

  async diff(rel: string, side: GitDiffSide): Promise<GitFileDiff> {
    return fileDiff(await this.require(), rel, side);
  }

  async branches(): Promise<GitBranch[]> {
    return (await this.require()).branches();
  }

  async log(limit: number): Promise<GitCommit[]> {
    return (await this.require()).log(limit);
  }

  async showHead(rel: string): Promise<{ exists: boolean; content: string; tracked: boolean }> {
    const repo = await this.repo;
    if (!repo) return { exists: false, content: '', tracked: false };
    const content = await showAt(repo, 'HEAD', rel);
    const tracked = content !== undefined || (await showAt(repo, '', rel)) !== undefined;
    return { exists: content !== undefined, content: content ?? '', tracked };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.gitDirWatch?.dispose();
    await this.resources.dispose();
  }

  /** Coalesces bursts: one status after the burst settles. */
  private scheduleRefresh(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh().catch(() => undefined);
    }, this.options.debounceMs ?? 150);
  }

  private refresh(): Promise<GitStatus> {
    if (this.running) {
      // A change arrived while git status ran: its result may already be stale, so run once more after it.
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let status: GitStatus;
        do {
          this.again = false;
          status = await this.readStatus();
        } while (this.again && !this.disposed);
        return status;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async readStatus(): Promise<GitStatus> {
    const repo = await this.repo;
    let parsed = NONE;
    if (repo) {
      try {
        parsed = await repo.status();
      } catch (e) {
        // The repository vanished (`rm -rf .git`): look again, else report the error to the caller.
        this.repo = this.locate();
        if (await this.repo) throw e;
      }
    }
    const located = await this.repo;
    const key = JSON.stringify([located ? 'repo' : this.restricted ? 'restricted' : 'none', parsed]);
    const changed = key !== this.lastKey;
    if (changed) {
      this.lastKey = key;
      this.current = toStatus(located, parsed, this.current.version + 1, this.restricted);
      const { staged: _s, changes: _c, conflicts: _x, ...summary } = this.current;
      if (!this.disposed) {
        this.options.onChanged(summary);
        this.statusChanged.fire(summary);
      }
    }
    return this.current;
  }

  private async locate(): Promise<GitRepo | undefined> {
    const trust = this.options.trust;
    if (trust) {
      await trust.ready.catch(() => undefined);
      this.restricted = !trust.isTrusted();
      if (this.restricted) {
        // Not even `rev-parse`: discovery reads .git/config too. Nothing is watched until the folder is trusted.
        this.gitDirWatch?.dispose();
        this.gitDirWatch = undefined;
        return undefined;
      }
    }
    const repo = await GitRepo.find(this.options.folder);
    if (this.disposed) return repo;
    if (repo) await this.watchRepo(repo);
    else {
      this.gitDirWatch?.dispose();
      this.gitDirWatch = watchForGitInit(this.options.folder, () => {
        this.repo = this.locate();
        this.scheduleRefresh();
      });
    }
    return repo;
  }

  private async watchRepo(repo: GitRepo): Promise<void> {
    this.gitDirWatch?.dispose();
    this.gitDirWatch = undefined;
    const watch = await watchGitDir(repo.location.gitDir, () => this.scheduleRefresh()).catch(() => undefined);
    if (this.disposed) watch?.dispose();
    else this.gitDirWatch = watch;
  }

  private async require(): Promise<GitRepo> {
    const repo = await this.repo;
    if (!repo && this.restricted) throw new KeelError('READ_ONLY', RESTRICTED_MESSAGE);
    if (!repo) throw new KeelError('NOT_FOUND', 'This folder is not a git repository');
    return repo;
  }

  /** Runs a change to the repository after the previous one, then refreshes so the reply reflects it. */
  private async mutate<T>(op: (repo: GitRepo) => Promise<T>): Promise<T> {
    const result = await this.serial(async () => op(await this.require()));
    await this.refresh();
    return result;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function toStatus(repo: GitRepo | undefined, parsed: ParsedStatus, version: number, restricted = false): GitStatus {
  const { staged, changes, conflicts, branch, upstream, ...rest } = parsed;
  return {
    state: repo ? 'repo' : restricted ? 'restricted' : 'none',
    ...rest,
    ...(branch !== undefined ? { branch } : {}),
    ...(upstream !== undefined ? { upstream } : {}),
    counts: { staged: staged.length, changes: changes.length, conflicts: conflicts.length },
    version,
    staged,
    changes,
    conflicts,
  };
}

/** The open folder's git service (created on first use, disposed with the folder). */
export const gitServiceKey = defineFolderService('git', (ctx: FolderContext) => {
  void ctx.workspace.startWatching();
  const folderHash = createHash('sha1').update(ctx.workspace.root).digest('hex').slice(0, 16);
  const trust = ctx.scoped(workspaceTrustKey);
  return new GitService({
    trust: { ready: trust.ready, isTrusted: () => trust.isTrusted(), onDidChange: (listener) => trust.onDidChange(listener) },
    folder: ctx.workspace.root,
    onChanged: (summary) => ctx.emit('git/changed', summary),
    onDidChangeFiles: (listener) => ctx.workspace.onDidChangeFiles(listener),
    backupRoot: path.join(ctx.userDataDir, 'git-discarded', folderHash),
  });
});
