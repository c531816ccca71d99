import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, open, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { tempName } from '../../../base/node/confine';
import { ApplyJournal, hashOf } from './apply-journal';

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
  /**
   * Crash safety: the plan is journaled (fsynced) in `dir` before any file is touched, so `recoverApplies` can finish
   * or roll back an apply whose process was killed. `tag` names the owner's operation for that recovery.
   */
  journal?: { dir: string; tag: string };
  /** Runs after every file is switched, before the backups go; the apply counts as done once it resolved. */
  commit?: () => Promise<void>;
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
  mode: number | undefined;
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
  const steps: Step[] = [];
  const createdDirs = new Set<string>();
  const sidecars: string[] = [];
  const sidecar = (target: string, kind: 'tmp' | 'bak') => {
    const abs = path.join(path.dirname(target), tempName(path.basename(target), kind));
    sidecars.push(abs);
    return abs;
  };
  // The plan first: every temp and backup name, every folder to create — all journaled before the first write.
  for (const write of writes) {
    const mode = await io.mode(write.abs);
    const step: Step = { write, mode, committed: false };
    if (write.bytes !== null) step.temp = sidecar(write.abs, 'tmp');
    if (mode !== undefined) step.backup = sidecar(write.abs, 'bak');
    else if (write.bytes !== null) for (const dir of await missingDirs(io, path.dirname(write.abs))) createdDirs.add(dir);
    steps.push(step);
  }
  const journal = options.journal
    ? await ApplyJournal.begin(options.journal.dir, {
        version: 1,
        tag: options.journal.tag,
        state: 'prepared',
        files: await Promise.all(steps.map(async (s) => ({ abs: s.write.abs, temp: s.temp, backup: s.backup, oldHash: s.mode === undefined ? null : hashOf(await readOld(s.write.abs)), newHash: hashOf(s.write.bytes) }))),
        createdDirs: [...createdDirs].sort((a, b) => a.length - b.length),
      })
    : undefined;
  for (const file of sidecars) note(file, 'created');
  let failedAt = '';
  try {
    for (const step of steps) {
      failedAt = step.write.abs;
      const { abs, bytes } = step.write;
      if (bytes !== null) {
        if (step.mode === undefined) await io.mkdir(path.dirname(abs));
        await io.writeTemp(step.temp!, bytes, step.mode);
      }
      if (step.backup) await io.link(abs, step.backup).catch(() => io.copyFile(abs, step.backup!));
    }
    for (const step of steps) {
      failedAt = step.write.abs;
      if (step.temp) await io.rename(step.temp, step.write.abs);
      else await io.unlink(step.write.abs);
      step.committed = true;
    }
    failedAt = 'the change record';
    await options.commit?.();
  } catch (err) {
    await rollback(io, steps);
    await release(io, note, sidecars);
    // Last: the folders this apply made are empty again only once their temp files are gone.
    for (const dir of [...createdDirs].sort((a, b) => b.length - a.length)) await io.rmdir(dir).catch(() => undefined);
    await journal?.end();
    throw new AtomicApplyError(failedAt, err);
  }
  await journal?.commit();
  await release(io, note, sidecars);
  await journal?.end();
}

/** The folders from the first missing ancestor of `dir` down to `dir` (none when it exists). */
async function missingDirs(io: AtomicIo, dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let d = dir; (await io.mode(d)) === undefined; d = path.dirname(d)) {
    if (path.dirname(d) === d) break;
    missing.unshift(d);
  }
  return missing;
}

function readOld(abs: string): Promise<Buffer | null> {
  return readFile(abs).catch(() => null);
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
