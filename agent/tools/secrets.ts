import ignore, { type Ignore } from 'ignore';
import type { FileCapability, FilePermissions } from './file-permissions';
import { protectedArea, protectedRefusal } from './protected-paths';

/**
 * Files that hold credentials, in gitignore syntax (matched case-insensitively, so `.ENV` is covered). They are
 * built in: a repository's `.kiroignore` adds patterns but cannot take these away (`!.env*` there has no effect
 * on them); only the user's own settings can (see `FilePermissions.userAllowsSecret`).
 */
export const SECRET_PATTERNS = [
  '.env*',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  'id_rsa*',
  'id_ed25519*',
  'id_ecdsa*',
  '**/.git/config',
  '.git-credentials',
  '.npmrc',
  '.netrc',
  '.pgpass',
  '**/.aws/credentials',
  '**/.aws/config',
  '**/.config/gcloud/',
  'application_default_credentials.json',
  '**/.azure/',
  '**/.docker/config.json',
  '**/.kube/config',
  'secrets.yml',
  'secrets.yaml',
  'secrets.json',
];

/** `*secret*` names are secrets unless they are source code or docs (`secrets.ts` explains secrets, it holds none). */
const SOURCE_EXT = /\.(ts|tsx|js|jsx|mjs|cjs|py|rb|go|rs|java|kt|cs|swift|php|c|h|cpp|hpp|md|mdx|txt|html|css|scss|vue|svelte)$/i;

/**
 * Decides which files the agent may not read on its own, and which it may not write. A file the user attached
 * explicitly (a `#file` chip) is readable even when it matches a secret pattern: the user chose to share it. A
 * permissions rule that denies a read holds even then, for every tool.
 */
export class SecretPolicy {
  private readonly builtin: Ignore = ignore({ ignorecase: true }).add(SECRET_PATTERNS);
  private readonly kiroignore: Ignore;
  private readonly attached = new Set<string>();
  private readonly permissions: () => FilePermissions | undefined;

  constructor(kiroignore = '', permissions?: FilePermissions | (() => FilePermissions | undefined)) {
    this.kiroignore = ignore().add(kiroignore);
    this.permissions = typeof permissions === 'function' ? permissions : () => permissions;
  }

  attach(path: string): void {
    this.attached.add(normalize(path));
  }

  isRefused(path: string): boolean {
    return this.readRefusal(path) !== undefined;
  }

  /** Why the agent may not read `path` on its own (a message for the model), or `undefined` when it may. */
  readRefusal(path: string): string | undefined {
    const p = normalize(path);
    // Paths like "../x" or "/etc/x" are not the secret list's business: the workspace refuses them anyway.
    if (p === '' || outside(p)) return undefined;
    // Attaching a file is the user's approval for a rule that asks, never for one that denies.
    const rule = this.ruleRefusal('fs_read', p, path, this.attached.has(p));
    if (rule) return rule;
    if (this.attached.has(p)) return undefined;
    if (this.isBuiltinSecret(p) && !this.permissions()?.userAllowsSecret(p)) {
      return `${path} looks like a secret (.env, key, credentials), so it was not read. If the user wants the agent to see it, they can attach it with #file.`;
    }
    if (this.kiroignore.ignores(p)) return `${path} is excluded by .kiroignore, so it was not read. The user can attach it with #file.`;
    return undefined;
  }

  /**
   * Why the agent may not write or delete `path`, or `undefined` when it may. With `reviewed` (Supervised: the
   * change waits for the user's review) a rule that asks is answered by that review.
   */
  writeRefusal(path: string, options: { reviewed?: boolean } = {}): string | undefined {
    const p = normalize(path);
    if (p === '' || outside(p)) return undefined;
    const area = protectedArea(p);
    if (area) return protectedRefusal(path, area);
    return this.ruleRefusal('fs_write', p, path, options.reviewed);
  }

  /**
   * `isRefused`, also for where a symlink leads: a link to `.env` is a secret too, unless the user attached the
   * path they named.
   */
  async isRefusedReal(path: string, realPath: ((p: string) => Promise<string>) | undefined): Promise<boolean> {
    return (await this.readRefusalReal(path, realPath)) !== undefined;
  }

  async readRefusalReal(path: string, realPath: ((p: string) => Promise<string>) | undefined): Promise<string | undefined> {
    const direct = this.readRefusal(path);
    if (direct || !realPath) return direct;
    const real = await realPath(path).catch(() => path);
    if (real === normalize(path)) return undefined;
    if (this.attached.has(normalize(path))) return this.ruleRefusal('fs_read', real, path, true);
    return this.readRefusal(real) === undefined ? undefined : `${path} leads to ${real}: ${this.readRefusal(real)}`;
  }

  /** `writeRefusal` for the path and for where it leads (a link into `.git/` is `.git/`). */
  async writeRefusalReal(path: string, realPath: ((p: string) => Promise<string>) | undefined, options: { reviewed?: boolean } = {}): Promise<string | undefined> {
    const direct = this.writeRefusal(path, options);
    if (direct || !realPath) return direct;
    const real = await realPath(path).catch(() => path);
    if (real === normalize(path)) return undefined;
    const viaLink = this.writeRefusal(real, options);
    return viaLink ? `${path} leads to ${real}: ${viaLink}` : undefined;
  }

  refusal(path: string): string {
    return this.readRefusal(path) ?? `${path} looks like a secret (.env, key or .kiroignore'd file), so it was not read. If the user wants the agent to see it, they can attach it with #file.`;
  }

  private isBuiltinSecret(p: string): boolean {
    if (this.builtin.ignores(p)) return true;
    const name = p.slice(p.lastIndexOf('/') + 1);
    return /secret/i.test(name) && !SOURCE_EXT.test(name);
  }

  /** `approved`: the user already answered an ask for this access (an attached file, a change that goes to review). */
  private ruleRefusal(capability: FileCapability, p: string, shown: string, approved = false): string | undefined {
    const verdict = this.permissions()?.decide(capability, p);
    if (!verdict || verdict.effect === 'allow' || (verdict.effect === 'ask' && approved)) return undefined;
    const what = capability === 'fs_read' ? 'reading' : 'writing';
    if (verdict.effect === 'deny') return `Permission denied: ${what} ${shown} is denied by ${verdict.rule}.`;
    // Keel has no per-file prompt yet: a rule that asks is refused, and the user can answer by changing the rule.
    const how = capability === 'fs_read' ? 'they can attach the file with #file or change the rule' : 'in Supervised mode the change goes to their review instead';
    return `Permission needed: ${what} ${shown} asks for approval (${verdict.rule}), and file tools cannot ask on their own, so it was not done. Tell the user; ${how}.`;
  }
}

function outside(p: string): boolean {
  return p.startsWith('/') || p === '..' || p.startsWith('../') || /^[a-zA-Z]:/.test(p);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
