import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfinedFs } from '../../../base/node/confine';
import { KeelError, type DirEntry, type FileContent } from '../../../protocol';
import { confine, isInside, toKeelError, toRelative } from './confine';
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

  /** Every operation below goes through it: it opens what it checked (a symlink swapped meanwhile is refused). */
  private readonly disk: ConfinedFs;

  private constructor(
    readonly root: string,
    readonly name: string,
  ) {
    this.disk = ConfinedFs.atRealRoot(root);
  }

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
    const dirents = await this.disk.list(rel).catch((err: unknown) => {
      throw fsError(toKeelError(err), rel);
    });
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
    const relPath = toRelative(this.root, await this.resolve(rel));
    try {
      const { stats, bytes } = await this.disk.readFile(rel, MAX_EDITABLE_BYTES);
      if (!stats.isFile()) throw new KeelError('NOT_A_FILE', `${JSON.stringify(rel)} is not a file`);
      if (!bytes) {
        const version = versionOfLarge(stats.size, stats.mtimeMs);
        return { path: relPath, content: '', version, size: stats.size, readOnly: true, notice: tooLargeNotice(stats.size) };
      }
      const decoded = decodeText(bytes);
      return { path: relPath, ...decoded, version: versionOf(bytes), size: bytes.length };
    } catch (err) {
      throw fsError(toKeelError(err), rel);
    }
  }

  /** Saves editor text. `expectedVersion` guards against overwriting a change made on disk meanwhile. */
  writeFile(rel: string, content: string, expectedVersion?: string): Promise<{ version: string; size: number }> {
    return this.resolve(rel).then((abs) =>
      this.serialized(abs, async () => {
        const current = await this.currentBytes(rel);
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
          if (!current) await this.requireDirectory(toRelative(this.root, path.dirname(abs)), rel);
          await this.atomicWrite(rel, bytes);
        } catch (err) {
          throw fsError(toKeelError(err), rel);
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
      await this.disk.mkdirs(toRelative(this.root, path.dirname(abs)));
      // Exclusive claim of the name (EXISTS if taken, even by a dangling link); the content then lands atomically.
      await this.disk.createExclusive(rel);
      if (bytes.length) await this.atomicWrite(rel, bytes);
    } catch (err) {
      throw fsError(toKeelError(err), rel);
    }
    return { version: versionOf(bytes) };
  }

  async createDirectory(rel: string): Promise<void> {
    const abs = await this.resolve(rel);
    this.refuseRoot(abs, 'create');
    if (await this.exists(rel)) throw new KeelError('EXISTS', `${JSON.stringify(rel)} already exists`);
    try {
      await this.disk.mkdirs(rel);
    } catch (err) {
      throw fsError(toKeelError(err), rel);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    const source = await this.resolve(from, false);
    const target = await this.resolve(to, false);
    this.refuseRoot(source, 'rename');
    this.refuseRoot(target, 'overwrite');
    if (!(await this.exists(from))) throw new KeelError('NOT_FOUND', `${JSON.stringify(from)} does not exist`);
    // fs.rename silently replaces an existing file; the user never asked for that.
    if (await this.exists(to)) throw new KeelError('EXISTS', `${JSON.stringify(to)} already exists`);
    if (isInside(source, target)) throw new KeelError('BAD_REQUEST', `Cannot move ${JSON.stringify(from)} into itself`);
    try {
      await this.disk.rename(from, to);
    } catch (err) {
      throw fsError(toKeelError(err), from);
    }
  }

  /** Permanent delete (the renderer asks the user first). A symlink is removed, never what it points to. */
  async delete(rel: string): Promise<void> {
    const abs = await this.resolve(rel, false);
    this.refuseRoot(abs, 'delete');
    try {
      await this.disk.remove(rel, true);
    } catch (err) {
      throw fsError(toKeelError(err), rel);
    }
  }

  /** Temp file + fsync + rename through the confinement (mode kept); the temp name is kept off the watcher. */
  private async atomicWrite(rel: string, bytes: Buffer): Promise<void> {
    await this.disk.writeAtomic(rel, bytes, {
      onTemp: (temp, phase) => (phase === 'created' ? this.ownTempFiles.add(temp) : this.ownTempFiles.releaseLater(temp)),
    });
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

  private async currentBytes(rel: string): Promise<Buffer | undefined> {
    try {
      const { stats, bytes } = await this.disk.readFile(rel, MAX_EDITABLE_BYTES);
      if (!stats.isFile()) throw new KeelError('NOT_A_FILE', `${JSON.stringify(rel)} is not a file`);
      if (!bytes) throw new KeelError('READ_ONLY', `${JSON.stringify(rel)} is above the editing size limit`);
      return bytes;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fsError(toKeelError(err), rel);
    }
  }

  private async requireDirectory(relDir: string, rel: string): Promise<void> {
    const info = await this.disk.stat(relDir).catch(() => undefined);
    if (!info) throw new KeelError('NOT_FOUND', `The folder of ${JSON.stringify(rel)} does not exist`);
    if (!info.isDirectory()) throw new KeelError('NOT_A_DIRECTORY', `The parent of ${JSON.stringify(rel)} is a file`);
  }

  /** Anything at the path, a dangling link included. */
  private async exists(rel: string): Promise<boolean> {
    return this.disk.stat(rel, false).then(
      () => true,
      () => false,
    );
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
