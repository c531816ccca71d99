import ignore, { type Ignore } from 'ignore';

/** Files that hold credentials. `.kiroignore` adds its own patterns (gitignore syntax) on top. */
export const SECRET_PATTERNS = ['.env*', '*.pem', '*.key', 'id_rsa*', 'id_ed25519*', 'id_ecdsa*', '.aws/credentials', '.npmrc', '.netrc'];

/**
 * Decides which files the agent may not read on its own. A file the user attached explicitly (a `#file` chip) is
 * readable even when it matches: the user chose to share it.
 */
export class SecretPolicy {
  private readonly matcher: Ignore;
  private readonly attached = new Set<string>();

  constructor(kiroignore = '') {
    this.matcher = ignore().add(SECRET_PATTERNS).add(kiroignore);
  }

  attach(path: string): void {
    this.attached.add(normalize(path));
  }

  isRefused(path: string): boolean {
    const p = normalize(path);
    if (p === '' || this.attached.has(p)) return false;
    // Paths like "../x" or "/etc/x" are not the secret list's business: the workspace refuses them anyway.
    if (p.startsWith('/') || p === '..' || p.startsWith('../') || /^[a-zA-Z]:/.test(p)) return false;
    return this.matcher.ignores(p);
  }

  /**
   * `isRefused`, also for where a symlink leads: a link to `.env` is a secret too, unless the user attached the
   * path they named.
   */
  async isRefusedReal(path: string, realPath: ((p: string) => Promise<string>) | undefined): Promise<boolean> {
    if (this.isRefused(path)) return true;
    if (!realPath || this.attached.has(normalize(path))) return false;
    const real = await realPath(path).catch(() => path);
    return real !== normalize(path) && this.isRefused(real);
  }

  refusal(path: string): string {
    return `${path} looks like a secret (.env, key or .kiroignore'd file), so it was not read. If the user wants the agent to see it, they can attach it with #file.`;
  }
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
