import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConfinementError, isInside, lexicalPath } from './paths';

export interface Resolved {
  /** The path as asked for, made absolute (what the user sees: a symlink keeps its own name). */
  abs: string;
  /**
   * The same place with every symlink resolved, checked inside the root: the longest existing prefix's real path
   * plus the parts not created yet. With `followFinal: false` the last part is kept as is (the link itself).
   */
  real: string;
}

/**
 * Resolves once: lexical checks, then the real path of the deepest existing ancestor (a symlinked folder anywhere
 * on the way may lead outside — refused even for a file not created yet, since a write would land outside).
 * This is only the check; the confined operations then open what it returned without following a swapped link.
 */
export async function resolveInside(root: string, rel: string, followFinal = true): Promise<Resolved> {
  const abs = lexicalPath(root, rel);
  if (abs === root) return { abs, real: root };
  const probe = followFinal ? abs : path.dirname(abs);
  let real = await realOfExistingPrefix(probe);
  if (!isInside(root, real)) throw new ConfinementError(rel, 'leads outside the workspace through a symlink');
  if (!followFinal) real = path.join(real, path.basename(abs));
  return { abs, real };
}

async function realOfExistingPrefix(abs: string): Promise<string> {
  const missing: string[] = [];
  let current = abs;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length ? path.join(real, ...missing.reverse()) : real;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOENT: not created yet (create/write). ENOTDIR: a file used as a folder — the operation reports it.
      // ELOOP: a symlink cycle — nothing real behind it; the operation reports it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'ELOOP') throw err;
      const parent = path.dirname(current);
      if (parent === current) return abs;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}
