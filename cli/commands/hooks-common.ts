/** The hooks `keel hooks list` and `keel hooks run` see: the workspace's and the user's (`~/.kiro/hooks/`), both formats. */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHookFile, type LoadedHook } from '../../electron/services/hooks/hook-loader';
import { isHookFileName, USER_HOOKS_LABEL } from '../../electron/services/hooks/hook-registry';
import type { CliWorkspace } from '../workspace';

/** A hook file that could not be read at all (permissions, a folder named like a file). */
export interface UnreadableHookFile {
  file: string;
  error: string;
}

/** `~/.kiro/hooks` (KEEL_USER_HOOKS_DIR, else HOME decides, so tests and sandboxes can point it elsewhere). */
export function userHooksDir(): string {
  return process.env.KEEL_USER_HOOKS_DIR ?? path.join(process.env.HOME ?? os.homedir(), '.kiro', 'hooks');
}

export function cliHooks(ws: CliWorkspace): { hooks: LoadedHook[]; unreadable: UnreadableHookFile[] } {
  const hooks: LoadedHook[] = [];
  const unreadable: UnreadableHookFile[] = [];
  for (const f of ws.files.filter((f) => /^\.kiro\/hooks\/[^/]+$/.test(f.relative) && isHookFileName(f.relative)).sort((a, b) => a.relative.localeCompare(b.relative))) {
    const text = ws.readText(f.relative);
    if (text === undefined) unreadable.push({ file: f.relative, error: 'The file could not be read.' });
    else hooks.push(...loadHookFile(f.relative, text));
  }
  const dir = userHooksDir();
  if (path.resolve(dir) === path.resolve(ws.root, '.kiro', 'hooks')) return { hooks, unreadable };
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter(isHookFileName).sort();
  } catch {
    // No user hooks.
  }
  for (const name of names) {
    const file = `${USER_HOOKS_LABEL}/${name}`;
    try {
      hooks.push(...loadHookFile(file, readFileSync(path.join(dir, name), 'utf8'), 'user'));
    } catch (err) {
      unreadable.push({ file, error: `The file could not be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    }
  }
  return { hooks, unreadable };
}
