import { diffLines } from 'diff';
import type { WorkspaceAccess } from '../core/ports';

/** One file's pending change. `null` original = new file; `null` proposed = deletion. */
export interface FileChange {
  path: string;
  original: string | null;
  proposed: string | null;
}

export interface FileChangeSummary {
  path: string;
  kind: 'add' | 'modify' | 'delete';
  added: number;
  removed: number;
}

export class ChangeConflictError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed on disk since the agent proposed its edit; review it again (your version was kept).`);
    this.name = 'ChangeConflictError';
  }
}

/**
 * The agent's proposed file changes, held for review (Supervised mode). Several edits to one file fold into one
 * entry that keeps the first original, so the diff is always "disk before the agent → agent's latest". Accepting
 * checks that the disk still holds that original, so a user's own edit in the meantime is never overwritten.
 */
export class Changeset {
  private readonly changes = new Map<string, FileChange>();

  constructor(initial: FileChange[] = []) {
    for (const c of initial) this.changes.set(c.path, { ...c });
  }

  /** The content the agent should see for `path`: `undefined` when untouched, `null` when deleted. */
  current(path: string): string | null | undefined {
    return this.changes.get(path)?.proposed;
  }

  has(path: string): boolean {
    return this.changes.has(path);
  }

  /** Records a change; `original` is read only the first time this file is touched. */
  async propose(path: string, proposed: string | null, readOriginal: () => Promise<string | null>): Promise<void> {
    const existing = this.changes.get(path);
    const original = existing ? existing.original : await readOriginal();
    if (original === proposed) this.changes.delete(path);
    else this.changes.set(path, { path, original, proposed });
  }

  list(): FileChange[] {
    return [...this.changes.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  summary(): FileChangeSummary[] {
    return this.list().map((c) => {
      const { added, removed } = countLines(c.original ?? '', c.proposed ?? '');
      return { path: c.path, kind: c.original === null ? 'add' : c.proposed === null ? 'delete' : 'modify', added, removed };
    });
  }

  /**
   * Writes the chosen changes (all by default) through the workspace. A conflicting file is left pending and
   * reported; the others are applied.
   */
  async accept(workspace: WorkspaceAccess, paths?: string[]): Promise<{ applied: string[]; conflicts: ChangeConflictError[] }> {
    const applied: string[] = [];
    const conflicts: ChangeConflictError[] = [];
    for (const change of this.select(paths)) {
      const onDisk = await readOrNull(workspace, change.path);
      if (onDisk !== change.original) {
        conflicts.push(new ChangeConflictError(change.path));
        continue;
      }
      if (change.proposed === null) await workspace.deleteFile(change.path);
      else await workspace.writeFile(change.path, change.proposed);
      this.changes.delete(change.path);
      applied.push(change.path);
    }
    return { applied, conflicts };
  }

  reject(paths?: string[]): string[] {
    const dropped = this.select(paths).map((c) => c.path);
    for (const p of dropped) this.changes.delete(p);
    return dropped;
  }

  private select(paths?: string[]): FileChange[] {
    return paths ? paths.flatMap((p) => this.changes.get(p) ?? []) : this.list();
  }
}

export function countLines(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) added += part.count ?? 0;
    else if (part.removed) removed += part.count ?? 0;
  }
  return { added, removed };
}

export async function readOrNull(workspace: WorkspaceAccess, path: string): Promise<string | null> {
  const s = await workspace.stat(path);
  if (!s) return null;
  return workspace.readFile(path);
}
