import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

/**
 * Resolves a workspace-relative path to an absolute one inside `root`, lexically: rejects NUL bytes, absolute paths
 * and `..` escapes. Symlinks are checked separately by `confineReal`, which needs the disk.
 */
export function confineLexical(root: string, path: string): string {
  if (path.includes('\0')) throw new PathError(`Path contains a NUL byte: ${JSON.stringify(path)}`);
  const normalized = path.replace(/\\/g, '/');
  if (isAbsolute(normalized) || /^[a-zA-Z]:/.test(normalized)) throw new PathError(`Path must be relative to the workspace: ${path}`);
  const abs = resolve(root, normalized === '' ? '.' : normalized);
  if (!isInside(root, abs)) throw new PathError(`Path is outside the workspace: ${path}`);
  return abs;
}

/**
 * Like `confineLexical`, then follows symlinks of the longest existing ancestor: a link pointing out of the
 * workspace is refused even for a file that does not exist yet (a write through it would land outside).
 */
export async function confineReal(realRoot: string, path: string): Promise<string> {
  const abs = confineLexical(realRoot, path);
  let existing = abs;
  let rest = '';
  for (;;) {
    try {
      const real = await realpath(existing);
      if (!isInside(realRoot, real)) throw new PathError(`Path leads outside the workspace through a symlink: ${path}`);
      return rest === '' ? real : join(real, rest);
    } catch (e) {
      if (e instanceof PathError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
      const parent = dirname(existing);
      if (parent === existing) throw e;
      rest = rest === '' ? relative(parent, existing) : join(relative(parent, existing), rest);
      existing = parent;
    }
  }
}

export function isInside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
