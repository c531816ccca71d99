/**
 * What a sandboxed command may do, as plain data: the builders (bwrap argv, macOS profile) turn it into their
 * own syntax and `resolvePolicy` (policy-paths.ts) fills it from the disk. Everything not named here is readable
 * and not writable; the network is off unless `network` is set (a command the user let leave the sandbox).
 */
export interface SandboxPolicy {
  /** The workspace folder (a real path, no symlinks): the one place writes land. */
  workspace: string;
  /** Inside the workspace, kept read-only (Keel's and git's control files): `.git`, `.kiro/hooks`, … */
  readOnly: string[];
  /**
   * Folders between the workspace and a read-only path (`.kiro` for `.kiro/hooks`): bound onto themselves so they
   * become mount points, which cannot be renamed — otherwise `mv .kiro x && mkdir -p .kiro/hooks` escapes.
   */
  pinned: string[];
  /** Secrets, hidden: files read as empty, folders as an empty folder. */
  hidden: HiddenPath[];
  /** Folders the command gets empty and private (writes vanish with it): /tmp, /run. */
  privateDirs: string[];
  network: boolean;
}

export interface HiddenPath {
  path: string;
  kind: 'file' | 'dir';
}

/** Inside the workspace, never writable from a command (ARCHITECTURE: Keel's control files and git's). */
export const READ_ONLY_IN_WORKSPACE = ['.git', '.kiro/hooks', '.kiro/settings', '.vscode'] as const;

/**
 * The user's credentials, relative to the home folder. A folder hides all it holds. Keel's own user data (trust
 * decisions, the OpenAI key) is added by the caller, since its place can be overridden.
 */
export const SECRETS_IN_HOME = [
  '.ssh',
  '.aws',
  '.azure',
  '.config/gcloud',
  '.kiro/settings',
  '.gnupg',
  '.kube',
  '.docker/config.json',
  '.netrc',
  '.git-credentials',
  '.config/gh',
  '.config/hub',
  '.npmrc',
  '.pypirc',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.password-store',
  '.local/share/keyrings',
  '.config/chromium',
  '.config/google-chrome',
  '.mozilla',
  '.config/keel',
] as const;

/** Workspace files that are secrets by their name (matched case-insensitively on the file name). */
export const SECRET_FILE_NAMES: readonly RegExp[] = [/^\.env($|\.)/i, /\.(pem|key|p12|pfx)$/i, /^id_(rsa|dsa|ecdsa|ed25519)/i, /^\.netrc$/i, /^\.npmrc$/i, /^\.pypirc$/i, /^\.git-credentials$/i];

export function isSecretFileName(name: string): boolean {
  return SECRET_FILE_NAMES.some((p) => p.test(name));
}
