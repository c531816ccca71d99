import { lstat, readdir, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { isSecretFileName, READ_ONLY_IN_WORKSPACE, SECRETS_IN_HOME, type HiddenPath, type SandboxPolicy } from './policy';

export interface PolicyOptions {
  workspace: string;
  home: string;
  /** Keel's user data folder (trust decisions, settings with keys): hidden like the user's credentials. */
  userDataDir?: string;
  /** The command may use the network (the user allowed it for this one command). */
  network?: boolean;
}

/** Folders each command gets empty and private. /run holds sockets (docker, ssh-agent, D-Bus) a read-only bind does not stop. */
export const PRIVATE_DIRS = ['/tmp', '/run'];
/** The workspace scan for secret files stops at this depth and this many entries: it runs before every command. */
const SCAN_DEPTH = 4;
const SCAN_LIMIT = 20_000;
const SCAN_SKIP = new Set(['node_modules', '.git']);

/** The policy for a command in `workspace`, filled from the disk: only paths that exist are named. */
export async function resolvePolicy(options: PolicyOptions): Promise<SandboxPolicy> {
  const workspace = await realpath(options.workspace);
  const readOnly: string[] = [];
  const pinned = new Set<string>();
  for (const rel of READ_ONLY_IN_WORKSPACE) {
    const path = join(workspace, rel);
    if (!(await exists(path))) continue;
    readOnly.push(path);
    for (let dir = dirname(path); dir !== workspace && dir.startsWith(workspace + sep); dir = dirname(dir)) pinned.add(dir);
  }

  const hidden = new Map<string, HiddenPath>();
  const hide = async (path: string) => {
    for (const p of await realAndLexical(path)) {
      const kind = await kindOf(p);
      if (kind && isVisible(p, workspace)) hidden.set(p, { path: p, kind });
    }
  };
  for (const rel of SECRETS_IN_HOME) await hide(join(options.home, rel));
  if (options.userDataDir) await hide(options.userDataDir);
  for (const path of await secretFilesIn(workspace)) await hide(path);

  return {
    workspace,
    readOnly,
    // Outer folders first: a pinned folder's bind must not cover one made earlier inside it.
    pinned: [...pinned].sort((a, b) => a.length - b.length),
    hidden: [...hidden.values()],
    privateDirs: PRIVATE_DIRS,
    network: options.network ?? false,
  };
}

/** Secret files by name anywhere in the first levels of the workspace (`.env`, `config/.env.local`, `*.pem`, …). */
export async function secretFilesIn(workspace: string): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++seen > SCAN_LIMIT) return;
      const path = join(dir, entry.name);
      if (isSecretFileName(entry.name)) found.push(path);
      else if (entry.isDirectory() && !SCAN_SKIP.has(entry.name) && depth < SCAN_DEPTH) await walk(path, depth + 1);
    }
  };
  await walk(workspace, 1);
  return found;
}

/** A path under a private folder is already out of sight (unless the workspace itself lives there). */
function isVisible(path: string, workspace: string): boolean {
  if (isInside(path, workspace)) return true;
  return !PRIVATE_DIRS.some((dir) => isInside(path, dir));
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Both the path and, for a symlink, where it leads: hiding only the link would leave the target readable. */
async function realAndLexical(path: string): Promise<string[]> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return [];
  const link = await lstat(path).catch(() => undefined);
  return link?.isSymbolicLink() ? [real] : [path];
}

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return undefined;
  return st.isDirectory() ? 'dir' : 'file';
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined;
}
