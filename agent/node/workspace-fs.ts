import { opendir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ConfinedFs } from '../../base/node/confine';
import type { DirEntry, EntryType, FileStat, WorkspaceAccess } from '../core/ports';
import { confineLexical, confineReal, PathError, toPathError } from './confine';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** WorkspaceAccess on the local disk, every path confined to `root` (symlinks included). */
export class NodeWorkspace implements WorkspaceAccess {
  private constructor(private readonly disk: ConfinedFs) {}

  static async open(root: string): Promise<NodeWorkspace> {
    return new NodeWorkspace(await ConfinedFs.open(root));
  }

  private get root(): string {
    return this.disk.root;
  }

  /** A folder for a command's cwd, by its real path: a symlink leading out of the workspace is refused. */
  async resolveDirectory(path: string): Promise<string> {
    return this.disk.realDirectory(path).catch((e: unknown) => {
      throw friendly(e, path);
    });
  }

  resolve(path: string): string {
    return confineLexical(this.root, path);
  }

  async realPath(path: string): Promise<string> {
    return relative(this.root, await confineReal(this.root, path)).split('\\').join('/');
  }

  async readFile(path: string): Promise<string> {
    try {
      const { stats, bytes } = await this.disk.readFile(path);
      if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (!bytes) throw new PathError(`Not a regular file: ${path}`);
      return bytes.toString('utf8');
    } catch (e) {
      throw friendly(e, path);
    }
  }

  async writeFile(path: string, text: string): Promise<void> {
    try {
      const rel = relative(this.root, confineLexical(this.root, path));
      const parent = rel.split(/[\\/]/).slice(0, -1).join('/');
      if (parent) await this.disk.mkdirs(parent);
      await this.disk.writeAtomic(path, Buffer.from(text, 'utf8'));
    } catch (e) {
      throw friendly(e, path);
    }
  }

  async deleteFile(path: string): Promise<void> {
    const s = await this.disk.stat(path, false).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw friendly(e, path);
    });
    if (!s) throw new PathError(`File not found: ${path}`);
    if (s.isDirectory()) throw new PathError(`Not a file: ${path}`);
    await this.disk.remove(path).catch((e: unknown) => {
      throw friendly(e, path);
    });
  }

  async list(path: string): Promise<DirEntry[]> {
    let dirents;
    try {
      dirents = await this.disk.list(path);
    } catch (e) {
      throw friendly(e, path);
    }
    const out: DirEntry[] = dirents.map((d) => ({ name: d.name, type: d.isDirectory() ? 'directory' : d.isFile() ? 'file' : 'other' }));
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const s = await this.disk.stat(path).catch((e: unknown) => {
      if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw friendly(e, path);
    });
    if (!s) return undefined;
    const type: EntryType = s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
    return { type, size: s.size, mtimeMs: s.mtimeMs };
  }

  async *walk(path = '', signal?: AbortSignal): AsyncIterable<string> {
    // A manual walk with dirents: several times faster than readdir({recursive}) on big trees (STACK-NOTES).
    const start = await confineReal(this.root, path);
    const stack = [start];
    while (stack.length > 0) {
      if (signal?.aborted) return;
      const dir = stack.pop()!;
      let handle;
      try {
        handle = await opendir(dir);
      } catch {
        continue;
      }
      for await (const d of handle) {
        if (d.isDirectory()) {
          if (!SKIP_DIRS.has(d.name)) stack.push(join(dir, d.name));
        } else if (d.isFile()) {
          yield relative(this.root, join(dir, d.name)).split('\\').join('/');
        }
      }
    }
  }
}

function friendly(e: unknown, path: string): Error {
  e = toPathError(e);
  if (e instanceof PathError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new PathError(`File not found: ${path}`);
  if (code === 'EISDIR') return new PathError(`Is a directory, not a file: ${path}`);
  if (code === 'ENOTDIR') return new PathError(`Not a directory: ${path}`);
  return e instanceof Error ? e : new Error(String(e));
}
