import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { KeelError, type DirEntry, type FileContent } from '../../../protocol';
import { confine, isInside, toRelative } from './confine';
import { OwnTempFiles } from './own-temp-files';
import {
  decodeText,
  encodeText,
  fsError,
  MAX_EDITABLE_BYTES,
  tooLargeNotice,
  versionOf,
  versionOfLarge,
} from './file-content';

/** Hidden from the explorer like VS Code's default `files.exclude`; its churn is also not watched. */
export const HIDDEN_NAMES = new Set(['.git']);

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * File operations of one open folder. Every path is confined first; every error leaves as a KeelError with a
 * contract code. Writes are atomic (temp file + fsync + rename, mode kept) and conflict-checked by content hash.
 */
export class WorkspaceFs {
  private readonly writeLocks = new Map<string, Promise<unknown>>();

  /** Temp files of this workspace's own saves; the watcher ignores them. */
  readonly ownTempFiles = new OwnTempFiles();

  private constructor(
    readonly root: string,
    readonly name: string,
  ) {}

  static async open(folder: string): Promise<WorkspaceFs> {
    let root: string;
    try {
      root = await realpath(folder);
    } catch (err) {
      throw fsError(err, folder);
    }
    const info = await stat(root);
    if (!info.isDirectory()) throw new KeelError('NOT_A_DIRECTORY', `${JSON.stringify(folder)} is not a folder`);
    return new WorkspaceFs(root, path.basename(root) || root);
  }

  resolve(rel: string, followFinal = true): Promise<string> {
    return confine(this.root, rel, { followFinal });
  }

  async list(rel: string): Promise<DirEntry[]> {
    const abs = await this.resolve(rel);
    let dirents;
    try {
      dirents = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      throw fsError(err, rel);
    }
    const entries = await Promise.all(
      dirents
        .filter((d) => !HIDDEN_NAMES.has(d.name))
        .map(async (d): Promise<DirEntry> => {
          const full = path.join(abs, d.name);
          const entryPath = toRelative(this.root, full);
          if (d.isDirectory()) return { name: d.name, path: entryPath, kind: 'directory' };
          if (d.isSymbolicLink()) return { name: d.name, path: entryPath, kind: await this.symlinkKind(full) };
          return { name: d.name, path: entryPath, kind: 'file' };
        }),
    );
    return entries.sort(
      (a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || collator.compare(a.name, b.name),
    );
  }

  async readFile(rel: string): Promise<FileContent> {
    const abs = await this.resolve(rel);
    const relPath = toRelative(this.root, abs);
    try {
      const info = await stat(abs);
      if (!info.isFile()) throw new KeelError('NOT_A_FILE', `${JSON.stringify(rel)} is not a file`);
      if (info.size > MAX_EDITABLE_BYTES) {
        const version = versionOfLarge(info.size, info.mtimeMs);
        return { path: relPath, content: '', version, size: info.size, readOnly: true, notice: tooLargeNotice(info.size) };
      }
      const bytes = await readFile(abs);
      const decoded = decodeText(bytes);
      return { path: relPath, ...decoded, version: versionOf(bytes), size: bytes.length };
    } catch (err) {
      throw fsError(err, rel);
    }
  }

  /** Saves editor text. `expectedVersion` guards against overwriting a change made on disk meanwhile. */
  writeFile(rel: string, content: string, expectedVersion?: string): Promise<{ version: string; size: number }> {
    return this.resolve(rel).then((abs) =>
      this.serialized(abs, async () => {
        const current = await this.currentBytes(abs, rel);
        if (current && decodeText(current).readOnly) {
          throw new KeelError('READ_ONLY', `${JSON.stringify(rel)} is binary and cannot be saved as text`);
        }
        if (expectedVersion !== undefined) {
          if (!current) throw new KeelError('CONFLICT', `${JSON.stringify(rel)} was deleted on disk`);
          if (versionOf(current) !== expectedVersion) {
            throw new KeelError('CONFLICT', `${JSON.stringify(rel)} changed on disk since it was opened`);
          }
        }
        const bytes = encodeText(content);
        try {
          if (!current) await this.requireDirectory(path.dirname(abs), rel);
          await this.atomicWrite(abs, bytes);
        } catch (err) {
          throw fsError(err, rel);
        }
        return { version: versionOf(bytes), size: bytes.length };
      }),
    );
  }

  async createFile(rel: string, content: string): Promise<{ version: string }> {
    const abs = await this.resolve(rel);
    this.refuseRoot(abs, 'create');
    const bytes = encodeText(content);
    try {
      await mkdir(path.dirname(abs), { recursive: true });
      // 'wx' claims the name exclusively (EXISTS if taken); the content then lands atomically.
      await writeFile(abs, '', { flag: 'wx' });
      if (bytes.length) await this.atomicWrite(abs, bytes);
    } catch (err) {
      throw fsError(err, rel);
    }
    return { version: versionOf(bytes) };
  }

  async createDirectory(rel: string): Promise<void> {
    const abs = await this.resolve(rel);
    this.refuseRoot(abs, 'create');
    if (await exists(abs)) throw new KeelError('EXISTS', `${JSON.stringify(rel)} already exists`);
    try {
      await mkdir(abs, { recursive: true });
    } catch (err) {
      throw fsError(err, rel);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    const source = await this.resolve(from, false);
    const target = await this.resolve(to, false);
    this.refuseRoot(source, 'rename');
    this.refuseRoot(target, 'overwrite');
    if (!(await exists(source))) throw new KeelError('NOT_FOUND', `${JSON.stringify(from)} does not exist`);
    // fs.rename silently replaces an existing file; the user never asked for that.
    if (await exists(target)) throw new KeelError('EXISTS', `${JSON.stringify(to)} already exists`);
    if (isInside(source, target)) throw new KeelError('BAD_REQUEST', `Cannot move ${JSON.stringify(from)} into itself`);
    try {
      await rename(source, target);
    } catch (err) {
      throw fsError(err, from);
    }
  }

  /** Permanent delete (the renderer asks the user first). A symlink is removed, never what it points to. */
  async delete(rel: string): Promise<void> {
    const abs = await this.resolve(rel, false);
    this.refuseRoot(abs, 'delete');
    try {
      const info = await lstat(abs);
      await rm(abs, { recursive: info.isDirectory(), force: false });
    } catch (err) {
      throw fsError(err, rel);
    }
  }

  /** Temp file + fsync + rename (write-file-atomic keeps the file's mode); the temp name is kept off the watcher. */
  private async atomicWrite(abs: string, bytes: Buffer): Promise<void> {
    let temp: string | undefined;
    this.ownTempFiles.expectWrite(abs);
    try {
      await writeFileAtomic(abs, bytes, {
        fsync: true,
        tmpfileCreated: (tmpfile) => {
          temp = tmpfile;
          this.ownTempFiles.add(tmpfile);
        },
      });
    } finally {
      if (temp) this.ownTempFiles.releaseLater(temp);
      this.ownTempFiles.writeDoneLater(abs);
    }
  }

  private async symlinkKind(full: string): Promise<DirEntry['kind']> {
    try {
      const real = await realpath(full);
      if (!isInside(this.root, real)) return 'symlink';
      return (await stat(real)).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'symlink'; // dangling or a loop: shown, but opening it gives a typed error
    }
  }

  private async currentBytes(abs: string, rel: string): Promise<Buffer | undefined> {
    try {
      const info = await stat(abs);
      if (!info.isFile()) throw new KeelError('NOT_A_FILE', `${JSON.stringify(rel)} is not a file`);
      if (info.size > MAX_EDITABLE_BYTES) {
        throw new KeelError('READ_ONLY', `${JSON.stringify(rel)} is above the editing size limit`);
      }
      return await readFile(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fsError(err, rel);
    }
  }

  private async requireDirectory(abs: string, rel: string): Promise<void> {
    const info = await stat(abs).catch(() => undefined);
    if (!info) throw new KeelError('NOT_FOUND', `The folder of ${JSON.stringify(rel)} does not exist`);
    if (!info.isDirectory()) throw new KeelError('NOT_A_DIRECTORY', `The parent of ${JSON.stringify(rel)} is a file`);
  }

  private refuseRoot(abs: string, verb: string): void {
    if (abs === this.root) throw new KeelError('BAD_REQUEST', `Cannot ${verb} the workspace folder itself`);
  }

  /** Two saves of one file never interleave their check-then-write steps. */
  private serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.writeLocks.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.writeLocks.set(key, next);
    void next.finally(() => {
      if (this.writeLocks.get(key) === next) this.writeLocks.delete(key);
    }).catch(() => undefined);
    return next;
  }
}

async function exists(abs: string): Promise<boolean> {
  try {
    await lstat(abs);
    return true;
  } catch {
    return false;
  }
}
