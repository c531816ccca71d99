import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import fuzzysort from 'fuzzysort';
import ignore, { type Ignore } from 'ignore';
import type { FileChange, QuickOpenMatch } from '../../../protocol';

/** Never indexed, at any depth: VCS internals and dependency trees drown the files a user means. */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
/** A runaway tree (a mounted disk, a huge monorepo) must not exhaust memory; quick open stays useful. */
const MAX_FILES = 500_000;

interface Entry {
  path: string;
  name: string;
}

export interface QuickOpenResult {
  matches: QuickOpenMatch[];
  totalFiles: number;
}

/**
 * The file list behind quick open: built on first use by walking the tree (honouring every .gitignore on the way),
 * then kept current from watcher changes instead of walking again.
 */
export class FileIndex {
  private entries: Map<string, Entry> | undefined;
  private building: Promise<Map<string, Entry>> | undefined;
  private readonly ignores = new Map<string, Ignore>();
  /** Changes that arrive while a walk is in flight are replayed on its result. */
  private pending: FileChange[] = [];

  constructor(private readonly root: string) {}

  async query(query: string, limit: number): Promise<QuickOpenResult> {
    const entries = await this.ensureBuilt();
    const all = [...entries.values()];
    const trimmed = query.trim();
    if (!trimmed) {
      const first = all
        .sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path))
        .slice(0, limit)
        .map((e) => ({ path: e.path, score: 0, positions: [] }));
      return { matches: first, totalFiles: all.length };
    }
    const results = fuzzysort.go(trimmed, all, { keys: ['name', 'path'], limit, scoreFn: rankScore });
    const matches = results.map((r): QuickOpenMatch => {
      const [byName, byPath] = [r[0], r[1]];
      // Report the positions of whichever key ranked the result, mapped into the full path for highlighting.
      const useName = byName !== undefined && byName.score > 0 && byName.score + NAME_BONUS >= (byPath?.score ?? 0);
      const offset = r.obj.path.length - r.obj.name.length;
      const positions = useName ? byName.indexes.map((i) => i + offset) : [...(byPath?.indexes ?? [])];
      return { path: r.obj.path, score: r.score, positions };
    });
    return { matches, totalFiles: all.length };
  }

  /** Watcher changes keep the index current; a changed .gitignore means the next query walks again. */
  applyChanges(changes: readonly FileChange[]): void {
    if (this.building) this.pending.push(...changes);
    if (!this.entries) return;
    for (const change of changes) {
      if (path.posix.basename(change.path) === '.gitignore') {
        this.invalidate();
        return;
      }
      if (change.type === 'deleted') {
        this.entries.delete(change.path);
        if (change.isDirectory) {
          const prefix = change.path + '/';
          for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
        }
      } else if (change.type === 'created' && !change.isDirectory && !this.isIgnored(change.path, false)) {
        this.entries.set(change.path, { path: change.path, name: path.posix.basename(change.path) });
      }
    }
  }

  invalidate(): void {
    this.entries = undefined;
    this.ignores.clear();
  }

  private ensureBuilt(): Promise<Map<string, Entry>> {
    if (this.entries) return Promise.resolve(this.entries);
    if (!this.building) {
      this.pending = [];
      this.building = this.walk()
        .then((entries) => {
          this.entries = entries;
          this.building = undefined;
          const replay = this.pending;
          this.pending = [];
          this.applyChanges(replay);
          return entries;
        })
        .catch((err: unknown) => {
          this.building = undefined;
          throw err;
        });
    }
    return this.building;
  }

  private async walk(): Promise<Map<string, Entry>> {
    const entries = new Map<string, Entry>();
    const stack = [''];
    while (stack.length && entries.size < MAX_FILES) {
      const dir = stack.pop() as string;
      const abs = path.join(this.root, dir);
      const dirents = await readdir(abs, { withFileTypes: true }).catch(() => []);
      if (dirents.some((d) => d.name === '.gitignore' && d.isFile())) await this.loadIgnore(dir);
      for (const d of dirents) {
        const rel = dir ? `${dir}/${d.name}` : d.name;
        if (d.isDirectory()) {
          if (!this.isIgnored(rel, true)) stack.push(rel);
        } else if (!this.isIgnored(rel, false)) {
          entries.set(rel, { path: rel, name: d.name });
        }
      }
    }
    return entries;
  }

  private async loadIgnore(dir: string): Promise<void> {
    const text = await readFile(path.join(this.root, dir, '.gitignore'), 'utf8').catch(() => '');
    this.ignores.set(dir, ignore().add(text));
  }

  /** True if .git/node_modules is on the path or any .gitignore between the root and the path excludes it. */
  private isIgnored(rel: string, isDirectory: boolean): boolean {
    const segments = rel.split('/');
    if (segments.some((s) => ALWAYS_SKIPPED.has(s))) return true;
    for (let depth = 0; depth < segments.length; depth++) {
      const base = segments.slice(0, depth).join('/');
      const rules = this.ignores.get(base);
      if (!rules) continue;
      const sub = segments.slice(depth).join('/');
      if (rules.ignores(isDirectory ? `${sub}/` : sub)) return true;
    }
    return false;
  }
}

/** A match in the file name beats the same match spread over folders, as in VS Code's quick open. */
const NAME_BONUS = 0.1;

function rankScore(r: Fuzzysort.KeysResult<Entry>): number {
  const byName = r[0]?.score ?? 0;
  const byPath = r[1]?.score ?? 0;
  return Math.max(byName > 0 ? byName + NAME_BONUS : 0, byPath);
}
