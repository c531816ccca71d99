import { constants, type Stats } from 'node:fs';
import { open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ConfinementError, isInside } from './paths';

/** Linux names an open descriptor's directory as `/proc/self/fd/N`: a path that means *that* directory, whatever
 * is renamed or swapped meanwhile — Node has no openat/renameat, and this gives their effect. */
const PROC_FD = process.platform === 'linux';
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_DIRECTORY = constants.O_DIRECTORY ?? 0;
/** Opening a FIFO for reading would block forever; regular files ignore the flag. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

export const READ_FLAGS = constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
export const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

/**
 * A directory opened and checked: its real path lies inside the root. Entries are reached through `entry(name)`,
 * which on Linux goes through the open descriptor (a folder swapped for a symlink after the check changes nothing)
 * and elsewhere through the checked real path, re-verified after each open by `verifyHandle`.
 */
export class HeldDir {
  private constructor(
    private readonly handle: FileHandle,
    /** The real path at the time of the check. */
    readonly real: string,
    private readonly root: string,
  ) {}

  static async open(root: string, realDir: string, requested: string): Promise<HeldDir> {
    // O_NOFOLLOW: a checked folder swapped for a symlink fails (ELOOP) and the caller checks again.
    const handle = await open(realDir, constants.O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_NOFOLLOW);
    try {
      const real = await handleRealPath(handle, realDir);
      if (!isInside(root, real)) throw new ConfinementError(requested, 'leads outside the workspace through a symlink');
      if (!PROC_FD) await sameObject(handle, real, requested);
      return new HeldDir(handle, real, root);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** The path to use for one entry of this directory (the entry itself is never followed by the callers). */
  entry(name: string): string {
    return PROC_FD ? `/proc/self/fd/${this.handle.fd}/${name}` : path.join(this.real, name);
  }

  /** The folder itself, for listing it. */
  get self(): string {
    return PROC_FD ? `/proc/self/fd/${this.handle.fd}` : this.real;
  }

  /** Elsewhere than Linux: the opened entry must be the one at its checked place (same device and inode). */
  async verifyHandle(handle: FileHandle, name: string, requested: string): Promise<void> {
    if (PROC_FD) return;
    const real = await realpath(path.join(this.real, name)).catch(() => undefined);
    if (!real || !isInside(this.root, real)) throw new ConfinementError(requested, 'changed while it was being opened');
    await sameObject(handle, real, requested);
  }

  /** Elsewhere than Linux the folder may have been swapped after the check; Linux needs no second look. */
  async verifyStill(requested: string): Promise<void> {
    if (PROC_FD) return;
    await sameObject(this.handle, this.real, requested);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

async function handleRealPath(handle: FileHandle, opened: string): Promise<string> {
  if (PROC_FD) return readlink(`/proc/self/fd/${handle.fd}`);
  return realpath(opened);
}

async function sameObject(handle: FileHandle, real: string, requested: string): Promise<void> {
  const [a, b] = await Promise.all([handle.stat(), stat(real).catch(() => undefined)]);
  if (!b || !same(a, b)) throw new ConfinementError(requested, 'changed while it was being opened');
}

function same(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}
