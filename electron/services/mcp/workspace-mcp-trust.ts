import type { WorkspaceTrustStore } from '../trust/workspace/workspace-trust-store';
import { WORKSPACE_MCP_CONFIG } from './mcp-config';
import type { McpTrust } from './mcp-manager';

/** The MCP manager's view of the workspace trust store for one folder. */
export function workspaceMcpTrust(store: WorkspaceTrustStore, folder: string): McpTrust {
  return {
    isWorkspaceTrusted: () => store.isTrusted(folder),
    isConfigApproved: (content) => store.isApprovedContent(folder, WORKSPACE_MCP_CONFIG, content),
    isFileApproved: (file, content) => store.isApprovedContent(folder, file, content),
  };
}
