import { ConfinementError, isInside, lexicalPath, resolveInside } from '../../base/node/confine';

export { isInside };

export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

/**
 * The agent's view of base/node/confine (the one confinement of every Node layer), with its PathError. Lexical:
 * rejects NUL bytes, absolute paths and `..` escapes; symlinks need the disk (`confineReal`).
 */
export function confineLexical(root: string, path: string): string {
  try {
    return lexicalPath(root, path);
  } catch (err) {
    throw toPathError(err);
  }
}

/** The real path, checked inside `realRoot` (a link pointing out is refused even for a file not created yet). */
export async function confineReal(realRoot: string, path: string): Promise<string> {
  try {
    return (await resolveInside(realRoot, path)).real;
  } catch (err) {
    throw toPathError(err);
  }
}

export function toPathError(err: unknown): unknown {
  return err instanceof ConfinementError ? new PathError(err.message) : err;
}
