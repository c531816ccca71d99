/** The MCP client's public surface (stage 2 wires it to IPC, the agent's tools and the MCP status UI). */
export { McpManager, type McpManagerOptions, type McpTrust, type ToolApprovalGate } from './mcp-manager';
export type { McpCallResult, McpServerState, McpServerStatus, McpToolInfo } from './mcp-connection';
export { resolveMcpConfig, WORKSPACE_MCP_CONFIG, defaultUserMcpConfig, type McpConfig, type McpConfigProblem, type McpServerSpec } from './mcp-config';
export { workspaceMcpTrust } from './workspace-mcp-trust';
