/** The open folder as context assembly's read-only workspace port (through WorkspaceFs: confined, KeelErrors). */
import { KeelError } from '../../../protocol';
import type { ContextWorkspace } from '../../../agent/context';
import type { DirEntry, FileStat } from '../../../agent/core/ports';
import type { WorkspaceFs } from '../workspace/workspace-fs';

const SKIP = new Set(['.git', 'node_modules']);

export function contextWorkspace(fs: WorkspaceFs): ContextWorkspace {
  const list = async (path: string): Promise<DirEntry[]> =>
    (await fs.list(path)).map((e) => ({ name: e.name, type: e.kind === 'directory' ? 'directory' : e.kind === 'file' ? 'file' : 'other' }));
  return {
    readFile: async (path) => (await fs.readFile(path)).content,
    list,
    async stat(path): Promise<FileStat | undefined> {
      try {
        await fs.list(path);
        return { type: 'directory', size: 0, mtimeMs: 0 };
      } catch (err) {
        if (err instanceof KeelError && err.code === 'NOT_A_DIRECTORY') return { type: 'file', size: 0, mtimeMs: 0 };
        if (err instanceof KeelError && (err.code === 'NOT_FOUND' || err.code === 'PATH_OUTSIDE_WORKSPACE')) return undefined;
        throw err;
      }
    },
    async *walk(path = '') {
      const stack = [path];
      while (stack.length) {
        const dir = stack.pop() as string;
        const entries = await list(dir).catch(() => []);
        for (const e of entries) {
          const p = dir ? `${dir}/${e.name}` : e.name;
          if (e.type === 'directory') {
            if (!SKIP.has(e.name)) stack.push(p);
          } else if (e.type === 'file') yield p;
        }
      }
    },
  };
}
