import path from 'node:path';

/**
 * A path that would leave the confinement root (climbing out, absolute, NUL, a symlink leading outside, or a
 * symlink swapped in while Keel was opening it). `code` matches the contract's error code, so a layer can map it
 * without knowing this class.
 */
export class ConfinementError extends Error {
  readonly code = 'PATH_OUTSIDE_WORKSPACE';
  constructor(
    readonly requested: string,
    readonly why = 'leads outside the workspace',
  ) {
    super(`Path ${JSON.stringify(requested.replace(/\0/g, '\\0').slice(0, 200))} ${why}`);
    this.name = 'ConfinementError';
  }
}

/** The checks that need no disk: NUL bytes, absolute paths (POSIX and Windows forms), `..` climbing out. */
export function lexicalPath(root: string, rel: string): string {
  if (rel.includes('\0')) throw new ConfinementError(rel, 'contains a NUL byte');
  // A back slash separates folders only on Windows; elsewhere it is a character of a name (`a\b.txt` is one file).
  const normalized = path.sep === '\\' ? rel.replace(/\\/g, '/') : rel;
  if (path.isAbsolute(normalized) || path.win32.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) {
    throw new ConfinementError(rel, 'is absolute; paths are relative to the workspace');
  }
  const abs = path.resolve(root, normalized === '' ? '.' : normalized);
  if (!isInside(root, abs)) throw new ConfinementError(rel);
  return abs;
}

/** `candidate` is `root` or below it; a name that merely starts with two dots (`..hidden`) is inside. */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const relative = path.relative(root, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Root-relative with forward slashes, '' for the root itself — the form the contract and the agent use. */
export function toRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
