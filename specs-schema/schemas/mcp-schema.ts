/** `.kiro/settings/mcp.json`: `{mcpServers: {name: {command, args, env, …} | {url, headers, …}}}`; unknown keys kept. */
import { z } from 'zod';

const common = {
  disabled: z.boolean().optional(),
  autoApprove: z.array(z.string()).optional().describe('Tools that run without asking.'),
  disabledTools: z.array(z.string()).optional(),
};

export const McpLocalServerSchema = z.looseObject({
  command: z.string().min(1, 'A local MCP server needs a command.'),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  ...common,
});

export const McpRemoteServerSchema = z.looseObject({
  url: z.url('A remote MCP server needs a valid url.'),
  headers: z.record(z.string(), z.string()).optional(),
  ...common,
});

export const McpServerSchema = z.union([McpLocalServerSchema, McpRemoteServerSchema]);

export const McpConfigSchema = z.looseObject({
  mcpServers: z.record(z.string(), McpServerSchema),
});

export type McpServer = z.infer<typeof McpServerSchema>;
export type McpConfig = z.infer<typeof McpConfigSchema>;
