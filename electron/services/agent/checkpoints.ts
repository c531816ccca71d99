import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const CHECKPOINT_ID = /^[0-9a-f]{7,64}$/;

/**
 * Checkpoints in a shadow git repository: `<userData>/checkpoints/<workspace hash>/git`, with the workspace as its
 * work tree. The user's own `.git` is never read or written (git skips any `.git` inside a work tree), so their
 * index, branches and stash stay untouched; their `.gitignore` is honoured, so build output is not copied.
 * A checkpoint is a commit of the whole work tree; restoring commits the current state first (so a restore can
 * itself be undone) and then checks out the checkpoint, deleting files created after it.
 */
export class ShadowCheckpoints {
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<void> | undefined;

  private constructor(
    readonly gitDir: string,
    readonly workTree: string,
  ) {}

  static forWorkspace(userDataDir: string, workspaceRoot: string): ShadowCheckpoints {
    const hash = createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 16);
    return new ShadowCheckpoints(join(userDataDir, 'checkpoints', hash, 'git'), workspaceRoot);
  }

  /** Snapshots the work tree; returns the checkpoint id (a commit hash). */
  take(label: string): Promise<string> {
    return this.serial(async () => {
      await this.init();
      return this.commit(label);
    });
  }

  /** Puts every file back as it was at the checkpoint. Returns the id of the snapshot taken just before. */
  restore(checkpointId: string): Promise<string> {
    if (!CHECKPOINT_ID.test(checkpointId)) return Promise.reject(new Error(`Not a checkpoint id: ${JSON.stringify(checkpointId)}`));
    return this.serial(async () => {
      await this.init();
      const known = await this.git(['cat-file', '-t', checkpointId]).catch(() => '');
      if (known.trim() !== 'commit') throw new Error(`No checkpoint ${checkpointId} for this workspace.`);
      const before = await this.commit(`before restoring ${checkpointId}`);
      await this.git(['reset', '--hard', '--quiet', checkpointId]);
      // Keep the history linear on the snapshot taken before the restore, so nothing later is unreachable.
      await this.git(['reset', '--soft', '--quiet', before]);
      return before;
    });
  }

  /** Paths that differ between a checkpoint and now (what a restore would change). */
  changedSince(checkpointId: string): Promise<string[]> {
    return this.serial(async () => {
      await this.init();
      await this.git(['add', '--all', '--', '.']);
      const out = await this.git(['diff', '--cached', '--name-only', '-z', checkpointId]);
      return out.split('\0').filter(Boolean);
    });
  }

  private async commit(label: string): Promise<string> {
    await this.git(['add', '--all', '--', '.']);
    await this.git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', label]);
    return (await this.git(['rev-parse', 'HEAD'])).trim();
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      const exists = await stat(join(this.gitDir, 'HEAD')).then(
        () => true,
        () => false,
      );
      if (exists) return;
      await mkdir(this.gitDir, { recursive: true });
      await this.git(['init', '--quiet']);
    })().catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private git(args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = {};
    // The user's GIT_* variables (a hook's GIT_DIR, GIT_INDEX_FILE) must not redirect the shadow repository.
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
    Object.assign(env, { GIT_DIR: this.gitDir, GIT_WORK_TREE: this.workTree, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });
    const config = ['-c', 'user.name=Keel', '-c', 'user.email=keel@localhost', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', '-c', 'core.fsmonitor=false', '-c', 'gc.auto=0'];
    return new Promise((resolve, reject) => {
      execFile('git', [...config, ...args], { cwd: this.workTree, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`Checkpoint failed (git ${args[0]}): ${stderr.trim() || err.message}`));
        else resolve(stdout);
      });
    });
  }
}
