import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { loadHookFile, type LoadedHook } from './hook-loader';

export const HOOKS_DIR = '.kiro/hooks';
/** How user-level hook files are named in lists and run logs (the real folder is `<home>/.kiro/hooks`). */
export const USER_HOOKS_LABEL = '~/.kiro/hooks';

/** Hook files are read by content: a 0.x hook may be `.kiro.hook` or `.json`, a v1 file is `.json`. */
export function isHookFileName(name: string): boolean {
  return name.endsWith('.kiro.hook') || name.endsWith('.json');
}

/** True for a hook file path directly in `.kiro/hooks/`. */
export function isHookFile(rel: string): boolean {
  return rel.startsWith(`${HOOKS_DIR}/`) && isHookFileName(rel) && !rel.slice(HOOKS_DIR.length + 1).includes('/');
}

/**
 * The workspace's hooks and the user's own (`~/.kiro/hooks/`), kept current: a workspace hook file created,
 * edited or deleted (by the user, the agent or `git pull`) is reloaded on its own from the watcher's events; the
 * user folder is watched with fs.watch. A broken file becomes an invalid entry, never an exception.
 */
export class HookRegistry implements Disposable {
  /** file → its hooks (a v1 file may hold several). */
  private files = new Map<string, LoadedHook[]>();
  private readonly listeners = new Set<(hooks: LoadedHook[]) => void>();
  private reloads: Promise<void> = Promise.resolve();
  private userWatcher: FSWatcher | undefined;

  constructor(
    private readonly root: string,
    private readonly userDir?: string,
  ) {}

  async loadAll(): Promise<void> {
    const next = new Map<string, LoadedHook[]>();
    for (const [dir, label] of this.folders()) {
      for (const name of await hookFileNames(dir)) {
        const file = `${label}/${name}`;
        const hooks = await this.read(file);
        if (hooks) next.set(file, hooks);
      }
    }
    this.files = sorted(next);
    this.emit();
    this.watchUserDir();
  }

  list(): LoadedHook[] {
    return [...this.files.values()].flat();
  }

  get(id: string): LoadedHook | undefined {
    return this.list().find((h) => h.id === id);
  }

  onDidChange(listener: (hooks: LoadedHook[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Applies watcher changes; resolves when affected hook files are re-read. Reloads run one after another. */
  applyChanges(changes: readonly FileChange[]): Promise<void> {
    const affected = changes.filter((c) => !c.isDirectory && isHookFile(c.path));
    const dirGone = changes.some((c) => c.isDirectory && c.type === 'deleted' && (HOOKS_DIR.startsWith(`${c.path}/`) || c.path === HOOKS_DIR));
    if (affected.length === 0 && !dirGone) return this.reloads;
    this.reloads = this.reloads.then(async () => {
      if (dirGone) {
        await this.loadAll();
        return;
      }
      for (const change of affected) {
        const hooks = change.type === 'deleted' ? undefined : await this.read(change.path);
        if (hooks) this.files.set(change.path, hooks);
        else this.files.delete(change.path);
      }
      this.files = sorted(this.files);
      this.emit();
    });
    return this.reloads;
  }

  dispose(): void {
    this.userWatcher?.close();
    this.userWatcher = undefined;
  }

  /** [absolute folder, label] pairs; a workspace that is the home folder has its hooks once, as workspace hooks. */
  private folders(): [string, string][] {
    const out: [string, string][] = [[path.join(this.root, HOOKS_DIR), HOOKS_DIR]];
    if (this.userDir && path.resolve(this.userDir) !== path.resolve(this.root, HOOKS_DIR)) out.push([this.userDir, USER_HOOKS_LABEL]);
    return out;
  }

  /** `~/.kiro/hooks` is outside the workspace watcher: any change there re-reads that folder. */
  private watchUserDir(): void {
    if (!this.userDir || this.userWatcher) return;
    try {
      this.userWatcher = watch(this.userDir, () => {
        this.reloads = this.reloads.then(() => this.loadAll());
      });
      this.userWatcher.on('error', () => this.dispose());
    } catch {
      // No user hooks folder (yet): nothing to watch; a later loadAll tries again.
    }
  }

  private async read(file: string): Promise<LoadedHook[] | undefined> {
    const user = file.startsWith(`${USER_HOOKS_LABEL}/`);
    const abs = user && this.userDir ? path.join(this.userDir, file.slice(USER_HOOKS_LABEL.length + 1)) : path.join(this.root, file);
    try {
      return loadHookFile(file, await readFile(abs, 'utf8'), user ? 'user' : 'workspace');
    } catch {
      return undefined; // Deleted between the event and the read.
    }
  }

  private emit(): void {
    const list = this.list();
    for (const l of [...this.listeners]) l(list);
  }
}

async function hookFileNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && isHookFileName(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return []; // No hooks folder yet.
  }
}

function sorted(files: Map<string, LoadedHook[]>): Map<string, LoadedHook[]> {
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
