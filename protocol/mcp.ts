/** MCP server status channels (issue #8); spread into `trustRequests` / `trustEvents` by protocol/trust.ts. */
import { z } from 'zod';

export const McpServerState = z.enum(['stopped', 'disabled', 'blocked', 'starting', 'ready', 'error']);
export type McpServerState = z.infer<typeof McpServerState>;

export const McpServerInfo = z.object({
  name: z.string(),
  scope: z.enum(['workspace', 'user']),
  transport: z.enum(['stdio', 'http']),
  state: McpServerState,
  message: z.string().optional(),
  /** The server's last stderr lines (its log), newest last. */
  log: z.array(z.string()),
  tools: z.array(z.object({ name: z.string(), description: z.string().optional(), autoApproved: z.boolean() })),
});
export type McpServerInfo = z.infer<typeof McpServerInfo>;

export const McpState = z.object({
  servers: z.array(McpServerInfo),
  /** Problems with the config files or single entries. */
  problems: z.array(z.object({ scope: z.enum(['workspace', 'user']), server: z.string().optional(), message: z.string() })),
});
export type McpState = z.infer<typeof McpState>;

export const mcpRequests = {
  'mcp/status': { request: z.object({}), response: McpState },
  'mcp/restart': { request: z.object({ name: z.string() }), response: z.object({}) },
} as const;

export const mcpEvents = {
  'mcp/changed': McpState,
} as const;
