import { lstat, mkdir, opendir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { DirEntry, EntryType, FileStat, WorkspaceAccess } from '../core/ports';
import { confineLexical, confineReal, PathError } from './confine';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** WorkspaceAccess on the local disk, every path confined to `root` (symlinks included). */
export class NodeWorkspace implements WorkspaceAccess {
  private constructor(private readonly root: string) {}

  static async open(root: string): Promise<NodeWorkspace> {
    return new NodeWorkspace(await realpath(root));
  }

  resolve(path: string): string {
    return confineLexical(this.root, path);
  }

  async realPath(path: string): Promise<string> {
    return relative(this.root, await confineReal(this.root, path)).split('\\').join('/');
  }

  async readFile(path: string): Promise<string> {
    const abs = await confineReal(this.root, path);
    try {
      return await readFile(abs, 'utf8');
    } catch (e) {
      throw friendly(e, path);
    }
  }

  async writeFile(path: string, text: string): Promise<void> {
    const abs = await confineReal(this.root, path);
    await mkdir(dirname(abs), { recursive: true });
    await writeFileAtomic(abs, text, { encoding: 'utf8', fsync: true });
  }

  async deleteFile(path: string): Promise<void> {
    const abs = await confineReal(this.root, path);
    const s = await lstat(abs).catch(() => undefined);
    if (!s) throw new PathError(`File not found: ${path}`);
    if (s.isDirectory()) throw new PathError(`Not a file: ${path}`);
    await rm(abs);
  }

  async list(path: string): Promise<DirEntry[]> {
    const abs = await confineReal(this.root, path);
    const out: DirEntry[] = [];
    try {
      for await (const d of await opendir(abs)) out.push({ name: d.name, type: d.isDirectory() ? 'directory' : d.isFile() ? 'file' : 'other' });
    } catch (e) {
      throw friendly(e, path);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const abs = await confineReal(this.root, path);
    const s = await stat(abs).catch(() => undefined);
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
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new PathError(`File not found: ${path}`);
  if (code === 'EISDIR') return new PathError(`Is a directory, not a file: ${path}`);
  if (code === 'ENOTDIR') return new PathError(`Not a directory: ${path}`);
  return e instanceof Error ? e : new Error(String(e));
}
