import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, open, rename, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** One file's new state: its bytes, or `null` to delete it. */
export interface FileWrite {
  abs: string;
  bytes: Buffer | null;
}

/** The file operations used, injectable so a test can make any single step fail. */
export interface AtomicIo {
  writeTemp(abs: string, bytes: Buffer, mode: number | undefined): Promise<void>;
  link(existing: string, backup: string): Promise<void>;
  copyFile(existing: string, backup: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(abs: string): Promise<void>;
  mkdir(abs: string): Promise<string | undefined>;
  rmdir(abs: string): Promise<void>;
  mode(abs: string): Promise<number | undefined>;
}

export const nodeIo: AtomicIo = {
  async writeTemp(abs, bytes, mode) {
    const handle = await open(abs, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; the replaced file's own permissions are what the user expects to keep.
    if (mode !== undefined) await chmod(abs, mode);
  },
  link: (existing, backup) => link(existing, backup),
  copyFile: (existing, backup) => copyFile(existing, backup, constants.COPYFILE_EXCL),
  rename: (from, to) => rename(from, to),
  unlink: (abs) => unlink(abs),
  mkdir: (abs) => mkdir(abs, { recursive: true }),
  rmdir: (abs) => rmdir(abs),
  mode: (abs) =>
    stat(abs).then(
      (s) => s.mode & 0o7777,
      () => undefined,
    ),
};

export interface AtomicApplyOptions {
  io?: AtomicIo;
  /** Told about each temp/backup file before it exists and after it is gone (the watcher hides them). */
  onTempFile?: (abs: string, phase: 'created' | 'released') => void;
}

export class AtomicApplyError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`Could not write ${path}: ${cause instanceof Error ? cause.message : String(cause)}. Nothing was changed.`);
    this.name = 'AtomicApplyError';
  }
}

interface Step {
  write: FileWrite;
  temp?: string;
  backup?: string;
  committed: boolean;
}

/**
 * Writes several files as one change: every new content is first written to a temp file beside its target
 * (fsynced), then the temps are renamed over the targets. A replaced or deleted file is kept as a hard link (a
 * copy where links are unsupported) until the end, so if any step fails, every file already switched is put back
 * and new folders are removed: the disk ends as it was. Renames within a folder are atomic, so no reader ever sees
 * a half-written file.
 */
export async function applyAtomically(writes: readonly FileWrite[], options: AtomicApplyOptions = {}): Promise<void> {
  const io = options.io ?? nodeIo;
  const note = options.onTempFile ?? (() => undefined);
  const steps: Step[] = writes.map((write) => ({ write, committed: false }));
  const createdDirs: string[] = [];
  const sidecars: string[] = [];
  const sidecar = (target: string, kind: string) => {
    const name = `.${path.basename(target)}.keel-${randomBytes(4).toString('hex')}.${kind}`;
    const abs = path.join(path.dirname(target), name);
    note(abs, 'created');
    sidecars.push(abs);
    return abs;
  };
  let failedAt = '';
  try {
    for (const step of steps) {
      failedAt = step.write.abs;
      const { abs, bytes } = step.write;
      const mode = await io.mode(abs);
      if (bytes !== null) {
        if (mode === undefined) {
          const made = await io.mkdir(path.dirname(abs));
          if (made) createdDirs.push(...dirsBetween(made, path.dirname(abs)));
        }
        step.temp = sidecar(abs, 'tmp');
        await io.writeTemp(step.temp, bytes, mode);
      }
      if (mode !== undefined) {
        step.backup = sidecar(abs, 'bak');
        await io.link(abs, step.backup).catch(() => io.copyFile(abs, step.backup!));
      }
    }
    for (const step of steps) {
      failedAt = step.write.abs;
      if (step.temp) await io.rename(step.temp, step.write.abs);
      else await io.unlink(step.write.abs);
      step.committed = true;
    }
  } catch (err) {
    await rollback(io, steps);
    await release(io, note, sidecars);
    // Last: the folders this apply made are empty again only once their temp files are gone.
    for (const dir of createdDirs.reverse()) await io.rmdir(dir).catch(() => undefined);
    throw new AtomicApplyError(failedAt, err);
  }
  await release(io, note, sidecars);
}

async function rollback(io: AtomicIo, steps: Step[]): Promise<void> {
  for (const step of [...steps].reverse()) {
    if (!step.committed) continue;
    try {
      if (step.backup) {
        await io.rename(step.backup, step.write.abs);
      } else await io.unlink(step.write.abs);
    } catch (err) {
      console.error(`Keel: could not restore ${step.write.abs} after a failed apply:`, err);
    }
  }
}

/** Removes leftover temps and backups (a renamed one is already gone); the watcher may forget them afterwards. */
async function release(io: AtomicIo, note: NonNullable<AtomicApplyOptions['onTempFile']>, sidecars: string[]): Promise<void> {
  for (const file of sidecars) {
    await io.unlink(file).catch(() => undefined);
    note(file, 'released');
  }
}

/** mkdir -p returns the first folder it made; every folder from there down to `leaf` is new too. */
function dirsBetween(first: string, leaf: string): string[] {
  const dirs: string[] = [];
  for (let dir = leaf; dir.length >= first.length; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === first) break;
  }
  return dirs;
}
