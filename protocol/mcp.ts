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
  tools: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      autoApproved: z.boolean(),
      /** The user answered "Always allow" for this tool of this server (kept in the user data dir). */
      alwaysAllowed: z.boolean().optional(),
    }),
  ),
});
export type McpServerInfo = z.infer<typeof McpServerInfo>;

export const McpState = z.object({
  servers: z.array(McpServerInfo),
  /** Problems with the config files or single entries. */
  problems: z.array(z.object({ scope: z.enum(['workspace', 'user']), server: z.string().optional(), message: z.string() })),
});
export type McpState = z.infer<typeof McpState>;

/** An MCP tool call the agent wants to make that is not auto-approved: waits for the user's answer. */
export const McpToolAsk = z.object({
  id: z.string(),
  server: z.string(),
  tool: z.string(),
  description: z.string().optional(),
  /** The call's arguments as pretty JSON (cut when very long). */
  args: z.string(),
  sessionId: z.string().optional(),
});
export type McpToolAsk = z.infer<typeof McpToolAsk>;

/** allow: this call; always: this and every later call of this tool of this server (in this folder); reject. */
export const McpToolAnswer = z.enum(['allow', 'always', 'reject']);
export type McpToolAnswer = z.infer<typeof McpToolAnswer>;

export const mcpRequests = {
  'mcp/status': { request: z.object({}), response: McpState },
  'mcp/restart': { request: z.object({ name: z.string() }), response: z.object({}) },
  'mcp/toolAsks': { request: z.object({}), response: z.object({ asks: z.array(McpToolAsk) }) },
  'mcp/answerTool': { request: z.object({ id: z.string(), answer: McpToolAnswer }), response: z.object({}) },
  /** Withdraws an "Always allow": the tool asks again. */
  'mcp/revokeTool': { request: z.object({ server: z.string(), tool: z.string() }), response: z.object({}) },
} as const;

export const mcpEvents = {
  'mcp/changed': McpState,
  'mcp/toolAsk': McpToolAsk,
  /** Answered (maybe in another window) or withdrawn (the agent stopped): close its dialog. */
  'mcp/toolAskClosed': z.object({ id: z.string() }),
} as const;
