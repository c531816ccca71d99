/** The MCP client's public surface (wired to IPC, the agent's tools — electron/services/agent/mcp-tools.ts — and the UI). */
export { McpManager, type McpManagerOptions, type McpTrust, type ToolApprovalGate } from './mcp-manager';
export type { McpCallResult, McpServerState, McpServerStatus, McpToolInfo } from './mcp-connection';
export { resolveMcpConfig, WORKSPACE_MCP_CONFIG, defaultUserMcpConfig, type McpConfig, type McpConfigProblem, type McpServerSpec } from './mcp-config';
export { workspaceMcpTrust } from './workspace-mcp-trust';
export { McpToolApproval } from './mcp-tool-approval';
export { AlwaysAllowStore, sharedAlwaysAllowStore } from './always-allow-store';
