import { watch as fsWatch, type FSWatcher as NodeWatcher } from 'node:fs';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { Disposable } from '../../base/disposable';

/**
 * The workspace watcher ignores `.git` (it churns on every git command), but HEAD, the index and the refs decide
 * what the Source Control view shows: a commit or `git switch` in a terminal must refresh it. This watches just
 * those (objects/ and logs/ are skipped: they are large and change with every write the others already report).
 */
export async function watchGitDir(gitDir: string, onChange: () => void): Promise<Disposable> {
  const { watch } = await import('chokidar');
  const watcher: FSWatcher = watch(gitDir, {
    ignoreInitial: true,
    depth: 6,
    ignored: (p: string) => {
      const rel = path.relative(gitDir, p).split(path.sep);
      const top = rel[0] ?? '';
      if (rel.length === 1 && rel[0] === '') return false;
      return top === 'objects' || top === 'logs' || top === 'hooks' || top === 'lfs' || top === 'modules' || p.endsWith('.lock');
    },
  });
  watcher.on('all', () => onChange());
  watcher.on('error', () => undefined); // a vanished .git is noticed by the next status, not by the watcher
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { dispose: () => void watcher.close() };
}

/** Outside a repository: notices a `.git` appearing in the folder (`git init` or a clone in a terminal). */
export function watchForGitInit(folder: string, onAppear: () => void): Disposable {
  let watcher: NodeWatcher | undefined;
  try {
    watcher = fsWatch(folder, (_event, name) => {
      if (name === '.git') onAppear();
    });
    watcher.on('error', () => undefined);
  } catch {
    /* the folder cannot be watched: "Initialize repository" and a reload still work */
  }
  return { dispose: () => watcher?.close() };
}
