import ignore from 'ignore';
import type { CheckpointHook, DirEntry, FileStat, TextMatch, TextSearch, WorkspaceAccess } from '../core/ports';
import { Changeset, readOrNull } from './changeset';

export type ApplyMode = 'supervised' | 'autopilot';

/** Where file-changing tools send their edits. */
export interface FileChangeSink {
  write(path: string, text: string): Promise<void>;
  delete(path: string): Promise<void>;
  /** True when every change waits for the user's review (Supervised): that review is the approval an "ask" rule wants. */
  readonly reviewed?: boolean;
}

/** Supervised: edits gather in the changeset for review; nothing touches the disk. */
export function supervisedSink(workspace: WorkspaceAccess, changeset: Changeset): FileChangeSink {
  return {
    write: (path, text) => changeset.propose(path, text, () => readOrNull(workspace, path)),
    delete: (path) => changeset.propose(path, null, () => readOrNull(workspace, path)),
    reviewed: true,
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
    // `base` is usually a class instance: its methods are not own properties, so the spread above does not copy them.
    resolve: (p) => base.resolve(p),
    ...(base.realPath ? { realPath: (p: string) => base.realPath!(p) } : {}),
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

/**
 * Content search as the agent sees it in Supervised mode: the fast search reads the disk, so files with pending
 * changes are searched in their proposed text instead (the agent must find what it just wrote, and not what it
 * replaced).
 */
export function overlaySearch(base: TextSearch, changeset: Changeset): TextSearch {
  return {
    async search(query, signal) {
      const changed = changeset.list();
      if (changed.length === 0) return base.search(query, signal);
      const touched = new Set(changed.map((c) => c.path));
      const fromDisk = (await base.search({ ...query, maxResults: query.maxResults + touched.size * 20 }, signal)).filter((m) => !touched.has(m.path));
      let pattern: RegExp;
      try {
        pattern = new RegExp(query.pattern, query.caseSensitive ? '' : 'i');
      } catch {
        return fromDisk.slice(0, query.maxResults);
      }
      const include = query.include ? ignore().add(query.include) : undefined;
      const exclude = query.exclude ? ignore().add(query.exclude) : undefined;
      const pending: TextMatch[] = [];
      for (const c of changed) {
        if (c.proposed === null || (include && !include.ignores(c.path)) || exclude?.ignores(c.path)) continue;
        c.proposed.split('\n').forEach((text, i) => {
          if (pattern.test(text)) pending.push({ path: c.path, line: i + 1, text });
        });
      }
      return [...fromDisk, ...pending].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)).slice(0, query.maxResults);
    },
  };
}
