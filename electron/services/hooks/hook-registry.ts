import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { loadHook, type LoadedHook } from './hook-loader';

export const HOOKS_DIR = '.kiro/hooks';

/** True for a hook file path directly in `.kiro/hooks/`. */
export function isHookFile(rel: string): boolean {
  return rel.startsWith(`${HOOKS_DIR}/`) && rel.endsWith('.kiro.hook') && !rel.slice(HOOKS_DIR.length + 1).includes('/');
}

/**
 * The workspace's hooks, kept current from file events: a hook file created, edited or deleted (by the user,
 * the agent or `git pull`) is reloaded on its own; a broken file becomes an invalid entry, never an exception.
 */
export class HookRegistry {
  private hooks = new Map<string, LoadedHook>();
  private readonly listeners = new Set<(hooks: LoadedHook[]) => void>();
  private reloads: Promise<void> = Promise.resolve();

  constructor(private readonly root: string) {}

  async loadAll(): Promise<void> {
    const next = new Map<string, LoadedHook>();
    let names: string[] = [];
    try {
      names = (await readdir(path.join(this.root, HOOKS_DIR), { withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.endsWith('.kiro.hook'))
        .map((e) => e.name)
        .sort();
    } catch {
      // No hooks folder yet.
    }
    for (const name of names) {
      const rel = `${HOOKS_DIR}/${name}`;
      const hook = await this.read(rel);
      if (hook) next.set(rel, hook);
    }
    this.hooks = next;
    this.emit();
  }

  list(): LoadedHook[] {
    return [...this.hooks.values()];
  }

  get(id: string): LoadedHook | undefined {
    return this.hooks.get(id);
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
        const hook = change.type === 'deleted' ? undefined : await this.read(change.path);
        if (hook) this.hooks.set(change.path, hook);
        else this.hooks.delete(change.path);
      }
      this.hooks = new Map([...this.hooks.entries()].sort(([a], [b]) => a.localeCompare(b)));
      this.emit();
    });
    return this.reloads;
  }

  private async read(rel: string): Promise<LoadedHook | undefined> {
    try {
      return loadHook(rel, await readFile(path.join(this.root, rel), 'utf8'));
    } catch {
      return undefined; // Deleted between the event and the read.
    }
  }

  private emit(): void {
    const list = this.list();
    for (const l of [...this.listeners]) l(list);
  }
}
