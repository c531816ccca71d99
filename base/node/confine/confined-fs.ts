import type { Dirent, Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { CREATE_FLAGS, HeldDir, READ_FLAGS } from './held-dir';
import { ConfinementError, lexicalPath } from './paths';
import { resolveInside, type Resolved } from './resolve';
import { tempName } from './temp-names';

export interface WriteOptions {
  /** Told about the temp file before it exists and after it is gone (the watcher hides it). */
  onTemp?: (abs: string, phase: 'created' | 'released') => void;
}

/** The target was swapped for a symlink between the check and the open: check again. */
class Swapped extends Error {}

const ATTEMPTS = 3;

/**
 * The one path confinement of Keel's Node layers. Every operation resolves the requested path once (lexically, then
 * through symlinks, refusing anything that ends outside `root`), then opens what it checked: the parent folder is
 * held open and verified (`HeldDir`), the last part is opened with O_NOFOLLOW, so a symlink swapped in between the
 * check and the use is refused (or the operation retried), never followed out of the workspace.
 *
 * Paths are root-relative (forward or back slashes); a symlink inside the root to a place inside the root works as
 * the user expects. `root` is a real path (`ConfinedFs.open` resolves it).
 */
export class ConfinedFs {
  private constructor(readonly root: string) {}

  static async open(folder: string): Promise<ConfinedFs> {
    return new ConfinedFs(await realpath(folder));
  }

  /** For a root already resolved with realpath. */
  static atRealRoot(root: string): ConfinedFs {
    return new ConfinedFs(root);
  }

  lexical(rel: string): string {
    return lexicalPath(this.root, rel);
  }

  /** The check alone (for handing a path to another program, which cannot be kept from following links). */
  resolve(rel: string, followFinal = true): Promise<Resolved> {
    return resolveInside(this.root, rel, followFinal);
  }

  /** A folder's real path, for a child process's cwd. */
  async realDirectory(rel: string): Promise<string> {
    const { real } = await this.resolve(rel);
    const info = await this.stat(rel);
    if (!info.isDirectory()) throw Object.assign(new Error(`${JSON.stringify(rel)} is not a folder`), { code: 'ENOTDIR' });
    return real;
  }

  /** The file's bytes and stats; `bytes` is undefined for anything but a regular file or above `maxBytes`. */
  async readFile(rel: string, maxBytes = Infinity): Promise<{ stats: Stats; bytes?: Buffer }> {
    const { handle, stats } = await this.openRead(rel);
    try {
      if (!stats.isFile() || stats.size > maxBytes) return { stats };
      return { stats, bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  }

  /** An open handle on a confined file (or folder) for streaming; the caller closes it. */
  openRead(rel: string): Promise<{ handle: FileHandle; stats: Stats }> {
    return this.atEntry(rel, true, async (dir, name) => {
      const handle = await open(dir.entry(name), READ_FLAGS).catch(swappedOnLoop);
      try {
        await dir.verifyHandle(handle, name, rel);
        return { handle, stats: await handle.stat() };
      } catch (err) {
        await handle.close();
        throw err;
      }
    });
  }

  /** Stats of what the path leads to (`followFinal`: false for the link itself). Throws ENOENT when nothing is there. */
  stat(rel: string, followFinal = true): Promise<Stats> {
    return this.atEntry(rel, followFinal, async (dir, name) => {
      if (name === '') return stat(dir.self);
      const info = await lstat(dir.entry(name));
      if (followFinal && info.isSymbolicLink()) throw new Swapped();
      await dir.verifyStill(rel);
      return info;
    });
  }

  /** The entries of a folder (the listed folder itself is held open and verified). */
  async list(rel: string): Promise<Dirent[]> {
    const { real } = await this.resolve(rel);
    const dir = await HeldDir.open(this.root, real, rel);
    try {
      const entries = await readdir(dir.self, { withFileTypes: true });
      await dir.verifyStill(rel);
      return entries;
    } finally {
      await dir.close();
    }
  }

  /**
   * Temp file beside the target (exclusive, not following links, fsynced, the target's mode kept), then renamed over
   * it. A symlink to a file inside the root is written through (its target changes, as in an editor).
   */
  writeAtomic(rel: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    return this.atEntry(rel, true, async (dir, name) => {
      const existing = await lstat(dir.entry(name)).catch(missingAsUndefined);
      if (existing?.isSymbolicLink()) throw new Swapped();
      if (existing?.isDirectory()) throw Object.assign(new Error(`${JSON.stringify(rel)} is a folder`), { code: 'EISDIR' });
      const mode = existing ? existing.mode & 0o7777 : undefined;
      const temp = tempName(name, 'tmp');
      const shown = path.join(dir.real, temp);
      options.onTemp?.(shown, 'created');
      let renamed = false;
      try {
        const handle = await open(dir.entry(temp), CREATE_FLAGS, mode ?? 0o666);
        try {
          await dir.verifyHandle(handle, temp, rel);
          await handle.writeFile(bytes);
          await handle.datasync();
          // open() applies the umask; the replaced file's own permissions are what the user expects to keep.
          if (mode !== undefined) await handle.chmod(mode);
        } finally {
          await handle.close();
        }
        await rename(dir.entry(temp), dir.entry(name));
        renamed = true;
      } finally {
        if (!renamed) await unlink(dir.entry(temp)).catch(() => undefined);
        options.onTemp?.(shown, 'released');
      }
    });
  }

  /** Claims a new file name exclusively (EEXIST when anything, even a dangling link, has it). */
  createExclusive(rel: string, bytes: Uint8Array = new Uint8Array()): Promise<void> {
    return this.atEntry(rel, false, async (dir, name) => {
      const handle = await open(dir.entry(name), CREATE_FLAGS, 0o666);
      try {
        await handle.writeFile(bytes);
      } finally {
        await handle.close();
      }
    });
  }

  /** mkdir -p, one confined level at a time (each new folder is made inside a verified parent). */
  async mkdirs(rel: string): Promise<void> {
    const parts = path.relative(this.root, this.lexical(rel)).split(path.sep).filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      await this.atEntry(sub, true, async (dir, name) => {
        await mkdir(dir.entry(name)).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      });
    }
    if ((await this.stat(rel)).isDirectory()) return;
    throw Object.assign(new Error(`A part of ${JSON.stringify(rel)} is not a folder`), { code: 'ENOTDIR' });
  }

  /** Removes a file, a link (never its target) or, with `recursive`, a folder. */
  remove(rel: string, recursive = false): Promise<void> {
    return this.atEntry(rel, false, async (dir, name) => {
      const info = await lstat(dir.entry(name));
      if (info.isDirectory()) await rm(dir.entry(name), { recursive, force: false });
      else await unlink(dir.entry(name));
    });
  }

  /** Moves the entry itself (a link stays a link). The caller checks that `to` is free. */
  rename(from: string, to: string): Promise<void> {
    return this.atEntry(from, false, (source, a) => this.atEntry(to, false, (target, b) => rename(source.entry(a), target.entry(b))));
  }

  /**
   * Runs `use` on the checked parent folder (held open) and the last name. A symlink swapped in between the check
   * and the open makes it check again; a path that keeps changing is refused.
   */
  private async atEntry<T>(rel: string, followFinal: boolean, use: (dir: HeldDir, name: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { real } = await this.resolve(rel, followFinal);
      const isRoot = real === this.root;
      const dir = await HeldDir.open(this.root, isRoot ? real : path.dirname(real), rel).catch(swappedOnLoop);
      try {
        return await use(dir, isRoot ? '' : path.basename(real));
      } catch (err) {
        if (!(err instanceof Swapped)) throw err;
        if (attempt >= ATTEMPTS) throw await notFollowed(rel, this.lexical(rel));
      } finally {
        await dir.close();
      }
    }
  }
}

/**
 * The last name stayed a symlink through every attempt: one that leads nowhere (dangling, a loop) is reported as
 * such; otherwise it keeps being swapped, and is refused.
 */
async function notFollowed(rel: string, abs: string): Promise<Error> {
  const code = await realpath(abs).then(
    () => undefined,
    (err: NodeJS.ErrnoException) => err.code,
  );
  if (code === 'ENOENT' || code === 'ELOOP') {
    return Object.assign(new Error(`${JSON.stringify(rel)} is a symlink that leads nowhere`), { code });
  }
  return new ConfinementError(rel, 'changed while it was being opened (a symlink was swapped in)');
}

/** ELOOP on an O_NOFOLLOW open: the checked name became a symlink. */
function swappedOnLoop(err: NodeJS.ErrnoException): never {
  if (err.code === 'ELOOP') throw new Swapped();
  throw err;
}

function missingAsUndefined(err: NodeJS.ErrnoException): undefined {
  if (err.code === 'ENOENT') return undefined;
  throw err;
}
