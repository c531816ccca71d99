import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { KeelError } from '../../../protocol';

export interface ConfineOptions {
  /**
   * false: the last segment itself may be a symlink pointing anywhere (rename/delete act on the link, not its
   * target); only its parent directory must resolve inside the workspace.
   */
  followFinal?: boolean;
}

/**
 * Maps a workspace-relative path from the renderer (or the agent) to an absolute path that is guaranteed to lie
 * inside the workspace root, symlinks included. The renderer is not trusted: everything that could point outside is
 * refused with PATH_OUTSIDE_WORKSPACE before any file is touched.
 *
 * `root` must already be a realpath (WorkspaceFs resolves it once when the folder opens).
 */
export async function confine(root: string, rel: string, options: ConfineOptions = {}): Promise<string> {
  const abs = lexicallyConfine(root, rel);
  if (abs === root) return root;
  const followFinal = options.followFinal ?? true;
  // The deepest existing ancestor decides: a symlinked directory anywhere on the way may lead outside.
  const probe = followFinal ? abs : path.dirname(abs);
  const real = await realpathOfExistingPrefix(probe);
  if (!isInside(root, real)) throw outside(rel);
  return abs;
}

/** The checks that need no disk access: NUL, absolute paths, `..` climbing out. */
export function lexicallyConfine(root: string, rel: string): string {
  if (rel.includes('\0')) throw outside(rel, 'contains a NUL byte');
  if (path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) {
    throw outside(rel, 'is absolute; paths are relative to the workspace');
  }
  const abs = path.resolve(root, rel);
  if (!isInside(root, abs)) throw outside(rel);
  return abs;
}

export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const relative = path.relative(root, candidate);
  return relative !== '' && !climbsOut(relative) && !path.isAbsolute(relative);
}

/** `..` or `../x`, but not a name that merely starts with two dots (`..hidden`). */
function climbsOut(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`);
}

/** Workspace-relative, forward slashes, '' for the root — the form the contract uses. */
export function toRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

async function realpathOfExistingPrefix(abs: string): Promise<string> {
  const missing: string[] = [];
  let current = abs;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length ? path.join(real, ...missing.reverse()) : real;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOENT: not created yet (create/write). ENOTDIR: a file used as a directory — the caller reports it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      const parent = path.dirname(current);
      if (parent === current) return abs;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

function outside(rel: string, why = 'leads outside the workspace'): KeelError {
  const shown = JSON.stringify(rel.replace(/\0/g, '\\0').slice(0, 200));
  return new KeelError('PATH_OUTSIDE_WORKSPACE', `Path ${shown} ${why}`);
}
