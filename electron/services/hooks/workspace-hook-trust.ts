import type { WorkspaceTrustStore } from '../trust/workspace/workspace-trust-store';
import type { HookTrust } from './hook-types';

/** The hooks engine's view of the workspace trust store for one folder. */
export function workspaceHookTrust(store: WorkspaceTrustStore, folder: string): HookTrust {
  return {
    isWorkspaceTrusted: () => store.isTrusted(folder),
    isHookApproved: (file, content) => store.isApprovedContent(folder, file, content),
  };
}
