/**
 * An in-memory `ContextWorkspace` for tests and benchmarks: a map of workspace-relative paths to text. Folders
 * exist implicitly; `walk` skips `.git` and `node_modules` like the disk implementation.
 */
import type { DirEntry, FileStat } from '../core/ports';
import type { ContextWorkspace } from './ports';

export function memoryWorkspace(files: Record<string, string>): ContextWorkspace & { reads: string[] } {
  const reads: string[] = [];
  const isDir = (p: string): boolean => p === '' || Object.keys(files).some((f) => f.startsWith(`${p}/`));
  return {
    reads,
    async readFile(path) {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw new Error(`File not found: ${path}`);
      return text;
    },
    async stat(path): Promise<FileStat | undefined> {
      if (files[path] !== undefined) return { type: 'file', size: (files[path] as string).length, mtimeMs: 0 };
      return isDir(path) ? { type: 'directory', size: 0, mtimeMs: 0 } : undefined;
    },
    async list(path): Promise<DirEntry[]> {
      if (!isDir(path)) throw new Error(`Folder not found: ${path}`);
      const prefix = path ? `${path}/` : '';
      const names = new Map<string, DirEntry>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const [head, ...rest] = f.slice(prefix.length).split('/');
        names.set(head as string, { name: head as string, type: rest.length ? 'directory' : 'file' });
      }
      return [...names.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    async *walk(path) {
      const prefix = path ? `${path}/` : '';
      for (const f of Object.keys(files).sort()) {
        if (f.startsWith(prefix) && !/(^|\/)(\.git|node_modules)\//.test(f)) yield f;
      }
    },
  };
}
