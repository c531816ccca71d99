import type { CheckpointHook, DirEntry, FileStat, WorkspaceAccess } from '../core/ports';
import { Changeset, readOrNull } from './changeset';

export type ApplyMode = 'supervised' | 'autopilot';

/** Where file-changing tools send their edits. */
export interface FileChangeSink {
  write(path: string, text: string): Promise<void>;
  delete(path: string): Promise<void>;
}

/** Supervised: edits gather in the changeset for review; nothing touches the disk. */
export function supervisedSink(workspace: WorkspaceAccess, changeset: Changeset): FileChangeSink {
  return {
    write: (path, text) => changeset.propose(path, text, () => readOrNull(workspace, path)),
    delete: (path) => changeset.propose(path, null, () => readOrNull(workspace, path)),
  };
}

/** Autopilot: each edit is applied at once, after the checkpoint hook has saved the state it replaces. */
export function autopilotSink(workspace: WorkspaceAccess, checkpoint: CheckpointHook): FileChangeSink {
  return {
    write: async (path, text) => {
      await checkpoint.beforeApply([path]);
      await workspace.writeFile(path, text);
    },
    delete: async (path) => {
      await checkpoint.beforeApply([path]);
      await workspace.deleteFile(path);
    },
  };
}

/**
 * The workspace as the agent sees it in Supervised mode: pending changes shadow the disk, so a second edit to a
 * file builds on the first and a proposed new file can be read back.
 */
export function overlayWorkspace(base: WorkspaceAccess, changeset: Changeset): WorkspaceAccess {
  const missing = (path: string): Error => new Error(`File not found: ${path}`);
  return {
    ...base,
    resolve: (p) => base.resolve(p),
    writeFile: (p, t) => base.writeFile(p, t),
    deleteFile: (p) => base.deleteFile(p),
    async readFile(path) {
      const pending = changeset.current(path);
      if (pending === null) throw missing(path);
      return pending ?? base.readFile(path);
    },
    async stat(path): Promise<FileStat | undefined> {
      const pending = changeset.current(path);
      if (pending === null) return undefined;
      if (pending !== undefined) return { type: 'file', size: Buffer.byteLength(pending), mtimeMs: Date.now() };
      return base.stat(path);
    },
    async list(path): Promise<DirEntry[]> {
      const prefix = path === '' || path === '.' ? '' : `${path.replace(/\/+$/, '')}/`;
      const entries = (await base.list(path).catch(() => [] as DirEntry[])).filter((e) => changeset.current(prefix + e.name) !== null);
      const names = new Set(entries.map((e) => e.name));
      for (const c of changeset.list()) {
        if (c.proposed === null || !c.path.startsWith(prefix)) continue;
        const [head, ...rest] = c.path.slice(prefix.length).split('/');
        if (head && !names.has(head)) {
          names.add(head);
          entries.push({ name: head, type: rest.length > 0 ? 'directory' : 'file' });
        }
      }
      return entries.sort((a, b) => a.name.localeCompare(b.name));
    },
    async *walk(path, signal) {
      const seen = new Set<string>();
      for await (const f of base.walk(path, signal)) {
        seen.add(f);
        if (changeset.current(f) !== null) yield f;
      }
      const prefix = path ? `${path.replace(/\/+$/, '')}/` : '';
      for (const c of changeset.list()) if (c.proposed !== null && !seen.has(c.path) && c.path.startsWith(prefix)) yield c.path;
    },
  };
}
