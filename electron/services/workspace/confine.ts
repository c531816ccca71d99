import { ConfinementError, isInside, lexicalPath, resolveInside, toRelative } from '../../../base/node/confine';
import { KeelError } from '../../../protocol';

export { isInside, toRelative };

export interface ConfineOptions {
  /**
   * false: the last segment itself may be a symlink pointing anywhere (rename/delete act on the link, not its
   * target); only its parent directory must resolve inside the workspace.
   */
  followFinal?: boolean;
}

/**
 * The main process's view of base/node/confine (the one confinement of every Node layer): the same checks, with
 * the contract's PATH_OUTSIDE_WORKSPACE error. Returns the absolute path as asked for. Use it only to hand a path
 * to another program (git); file operations go through `ConfinedFs`, which also opens what it checked.
 */
export async function confine(root: string, rel: string, options: ConfineOptions = {}): Promise<string> {
  try {
    return (await resolveInside(root, rel, options.followFinal ?? true)).abs;
  } catch (err) {
    throw toKeelError(err);
  }
}

/** The checks that need no disk access: NUL, absolute paths, `..` climbing out. */
export function lexicallyConfine(root: string, rel: string): string {
  try {
    return lexicalPath(root, rel);
  } catch (err) {
    throw toKeelError(err);
  }
}

export function toKeelError(err: unknown): unknown {
  return err instanceof ConfinementError ? new KeelError('PATH_OUTSIDE_WORKSPACE', err.message) : err;
}
