import { mkdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { ConfinedFs } from '../../../base/node/confine';
import path from 'node:path';
import { KeelError, type GitBranch, type GitCommit } from '../../../protocol';
import { lexicallyConfine, confine } from '../workspace/confine';
import { GitRunner, gitFailure } from './git-runner';
import { parsePorcelainV2, type ParsedStatus } from './porcelain';


export interface RepoLocation {
  /** The workspace folder (git runs here; pathspecs are relative to it). */
  folder: string;
  /** The repository's top level. */
  top: string;
  /** The workspace's path inside the repository, `''` or ending in `/`. */
  prefix: string;
  gitDir: string;
}

/**
 * One repository as seen from the workspace folder: status and the operations of the Source Control view. All
 * paths in and out are workspace-relative; the renderer's paths are confined to the workspace before git sees them.
 */
export class GitRepo {
  readonly git: GitRunner;

  constructor(readonly location: RepoLocation) {
    this.git = new GitRunner(location.folder);
  }

  /** The repository containing `folder`, or undefined when there is none (or git is missing). */
  static async find(folder: string): Promise<GitRepo | undefined> {
    try {
      const out = await new GitRunner(folder).run(['rev-parse', '--show-toplevel', '--show-prefix', '--absolute-git-dir']);
      const [top, prefix, gitDir] = out.split('\n');
      if (!top || gitDir === undefined) return undefined;
      return new GitRepo({ folder, top, prefix: prefix ?? '', gitDir });
    } catch {
      return undefined;
    }
  }

  static async init(folder: string): Promise<GitRepo> {
    await new GitRunner(folder).run(['init', '--quiet']).catch((e: unknown) => {
      throw gitFailure(e, 'IO', 'Could not initialise a repository: ');
    });
    const repo = await GitRepo.find(folder);
    if (!repo) throw new KeelError('IO', 'git init ran but no repository was found');
    return repo;
  }

  async status(): Promise<ParsedStatus> {
    const out = await this.git.run(['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all', '--', '.']);
    return parsePorcelainV2(out, this.location.prefix);
  }

  async stage(paths: readonly string[]): Promise<void> {
    // -A also stages deletions; conflicts are marked resolved by adding the file.
    await this.withPaths(paths, ['add', '-A']);
  }

  async unstage(paths: readonly string[]): Promise<void> {
    const unborn = !(await this.hasHead());
    // Without a first commit there is no HEAD to reset to: remove the entries from the index instead.
    await this.withPaths(paths, unborn ? ['rm', '--cached', '-r', '-q'] : ['reset', '-q', 'HEAD']);
  }

  /**
   * Throws away working-tree changes: tracked files return to their index version, untracked files are deleted.
   * Each file is first copied to `backupRoot` so a mistaken discard can be undone by hand.
   */
  async discard(paths: readonly string[], backupRoot: string): Promise<{ backupDir?: string }> {
    const status = await this.status();
    const untracked = new Set(status.changes.filter((c) => c.kind === 'untracked').map((c) => c.path));
    const backupDir = path.join(backupRoot, new Date().toISOString().replace(/[:.]/g, '-'));
    let backedUp = 0;
    const disk = await ConfinedFs.open(this.location.folder);
    for (const rel of paths) {
      await confine(this.location.folder, rel, { followFinal: false });
      const bytes = await backupBytes(disk, rel); // a deleted file has nothing to keep
      if (bytes === undefined) continue;
      const target = path.join(backupDir, rel);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      backedUp++;
    }
    const tracked = paths.filter((p) => !untracked.has(p));
    await this.withPaths(tracked, ['checkout', '-q']);
    for (const rel of paths.filter((p) => untracked.has(p))) {
      await rm(await confine(this.location.folder, rel, { followFinal: false }), { force: true });
    }
    return backedUp ? { backupDir } : {};
  }

  async commit(message: string, amend: boolean): Promise<string> {
    const args = ['commit', '--quiet', '--cleanup=strip', '-m', message];
    if (amend) args.push('--amend');
    try {
      await this.git.run(args);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (/Please tell me who you are|unable to auto-detect email/.test(text)) {
        throw new KeelError('BAD_REQUEST', 'git does not know who you are: set user.name and user.email (git config --global user.name "…").');
      }
      if (/nothing (added )?to commit|no changes added to commit/.test(text)) throw new KeelError('BAD_REQUEST', 'Nothing is staged to commit.');
      throw gitFailure(e, 'BAD_REQUEST', 'Commit failed: ');
    }
    return (await this.git.run(['rev-parse', 'HEAD'])).trim();
  }

  async branches(): Promise<GitBranch[]> {
    const format = ['%(HEAD)', '%(refname)', '%(objectname:short)', '%(upstream:short)', '%(subject)'].join('%00');
    const out = await this.git.run(['for-each-ref', `--format=${format}`, '--sort=-committerdate', 'refs/heads', 'refs/remotes']);
    const branches: GitBranch[] = [];
    for (const line of out.split('\n')) {
      if (!line) continue;
      const [head, ref = '', commit = '', upstream = '', subject = ''] = line.split('\0');
      if (ref.endsWith('/HEAD')) continue; // origin/HEAD is an alias, not a branch to switch to
      const remote = ref.startsWith('refs/remotes/');
      const name = ref.replace(/^refs\/(heads|remotes)\//, '');
      branches.push({ name, remote, current: head === '*', commit, subject, ...(upstream ? { upstream } : {}) });
    }
    return branches;
  }

  async createBranch(name: string): Promise<void> {
    await this.checkRefName(name);
    const exists = (await this.branches()).some((b) => !b.remote && b.name === name);
    if (exists) throw new KeelError('EXISTS', `A branch named "${name}" already exists`);
    await this.git.run(['switch', '--quiet', '-c', name]).catch((e: unknown) => {
      throw gitFailure(e, 'BAD_REQUEST', `Could not create branch "${name}": `);
    });
  }

  async checkout(name: string): Promise<void> {
    const branches = await this.branches();
    const branch = branches.find((b) => b.name === name);
    if (!branch) throw new KeelError('NOT_FOUND', `No branch named "${name}"`);
    let args = ['switch', '--quiet', name];
    if (branch.remote) {
      // Like VS Code: picking origin/x switches to a local x tracking it (created when missing).
      const local = name.slice(name.indexOf('/') + 1);
      args = branches.some((b) => !b.remote && b.name === local) ? ['switch', '--quiet', local] : ['switch', '--quiet', '--track', name];
    }
    try {
      await this.git.run(args);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const overwrite = /would be overwritten|Please commit your changes or stash them/.test(text);
      throw gitFailure(e, overwrite ? 'CONFLICT' : 'BAD_REQUEST', `Could not switch to "${name}": `);
    }
  }

  async log(limit: number): Promise<GitCommit[]> {
    if (!(await this.hasHead())) return [];
    const format = ['%H', '%h', '%an', '%aI', '%D', '%s'].join('%x00') + '%x1e';
    const out = await this.git.run(['log', `--max-count=${limit}`, `--format=${format}`]);
    return out
      .split('\x1e')
      .map((r) => r.replace(/^\n/, ''))
      .filter(Boolean)
      .map((record) => {
        const [hash = '', short = '', author = '', date = '', refs = '', subject = ''] = record.split('\0');
        return { hash, short, author, date, refs, subject };
      });
  }

  async hasHead(): Promise<boolean> {
    return this.git.run(['rev-parse', '--verify', '--quiet', 'HEAD']).then(
      () => true,
      () => false,
    );
  }

  /** A workspace-relative path as git sees it from the workspace folder (refusing anything outside it). */
  relative(rel: string): string {
    lexicallyConfine(this.location.folder, rel);
    return rel;
  }

  /** Is `abs` a regular file small enough to read as text (the diff view's limit)? */
  async sizeOf(rel: string): Promise<number | undefined> {
    const s = await stat(path.join(this.location.folder, rel)).catch(() => undefined);
    return s?.isFile() ? s.size : undefined;
  }

  private async checkRefName(name: string): Promise<void> {
    // A leading dash would reach git as an option.
    if (name.startsWith('-')) throw new KeelError('BAD_REQUEST', `"${name}" is not a valid branch name`);
    await this.git.run(['check-ref-format', '--branch', name]).catch(() => {
      throw new KeelError('BAD_REQUEST', `"${name}" is not a valid branch name`);
    });
  }

  /**
   * Runs `args` on many paths at once: they go through stdin (`--pathspec-from-file`, NUL-separated), so 10,000
   * changed files neither overflow the command line (ARG_MAX, Windows' 32K) nor need one git process per batch.
   */
  private async withPaths(paths: readonly string[], args: string[]): Promise<void> {
    if (paths.length === 0) return;
    const input = paths.map((p) => this.relative(p)).join('\0') + '\0';
    await this.git.run([...args, '--pathspec-from-file=-', '--pathspec-file-nul'], { input }).catch((e: unknown) => {
      throw gitFailure(e);
    });
  }
}

/** What to keep of a file before discarding it: its bytes, or a symlink's target path (never what it leads to). */
async function backupBytes(disk: ConfinedFs, rel: string): Promise<Buffer | undefined> {
  const info = await disk.stat(rel, false).catch(() => undefined);
  if (info?.isSymbolicLink()) return Buffer.from(await readlink((await disk.resolve(rel, false)).real));
  if (!info?.isFile()) return undefined;
  return (await disk.readFile(rel).catch(() => undefined))?.bytes;
}
