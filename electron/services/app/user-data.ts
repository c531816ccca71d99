import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** Keel's own state lives here, never inside the user's folder: `$XDG_CONFIG_HOME/keel` or `~/.config/keel`. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(base, 'keel');
}

/** A small JSON document in the user data dir, read leniently (a corrupt file means defaults) and written atomically. */
export class JsonStore<T> {
  constructor(
    private readonly file: string,
    private readonly parse: (value: unknown) => T,
  ) {}

  async read(): Promise<T> {
    try {
      return this.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      return this.parse(undefined);
    }
  }

  async write(value: T): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(value, null, 2) + '\n', { fsync: true });
  }
}

const MAX_RECENT = 10;

/** Most recent first, no duplicates, at most ten. */
export class RecentFolders {
  private readonly store: JsonStore<string[]>;

  constructor(userDataDir: string) {
    this.store = new JsonStore(path.join(userDataDir, 'recent-folders.json'), (value) =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, MAX_RECENT) : [],
    );
  }

  list(): Promise<string[]> {
    return this.store.read();
  }

  async add(folder: string): Promise<void> {
    const current = await this.store.read();
    await this.store.write([folder, ...current.filter((f) => f !== folder)].slice(0, MAX_RECENT));
  }
}
