/**
 * The port through which the agent's file tools ask the permission rules (Kiro's `permissions.yaml`) about a path.
 * The agent only declares it; the main process implements it over the workspace's and the user's files.
 */
export type FileCapability = 'fs_read' | 'fs_write';

export interface FilePermissionVerdict {
  effect: 'deny' | 'ask' | 'allow';
  /** How the deciding rule is named to the user and the model (file, rule number, its text). */
  rule: string;
}

export interface FilePermissions {
  /** The deciding rule for this workspace-relative path, or `undefined` when no rule matches. */
  decide(capability: FileCapability, path: string): FilePermissionVerdict | undefined;
  /**
   * True when the user's own settings (never a repository file) name this path explicitly as readable: only that
   * lifts Keel's built-in secret patterns for it.
   */
  userAllowsSecret(path: string): boolean;
}
