import { z } from 'zod';
import type { ToolHandler, ToolOutput } from '../../../agent';
import type { McpCallResult, McpToolInfo } from '../mcp/mcp-connection';
import type { CallToolOptions } from '../mcp/mcp-manager';

/** What the agent's MCP tools need from the MCP manager (tests pass a fake). */
export interface McpToolSource {
  listTools(): McpToolInfo[];
  /** Resolves when servers being (re)started are ready or failed. */
  settled?(): Promise<void>;
  callTool(server: string, tool: string, args: Record<string, unknown>, options?: CallToolOptions): Promise<McpCallResult>;
}

/** Bedrock's limit on a tool name: letters, digits, `_` and `-`, at most 64 characters. */
const MAX_NAME = 64;
/** A tool's answer longer than this is cut before the model reads it (the server's own limits are unknown). */
const MAX_RESULT = 100_000;

/** Namespaced tool name → its server, for hooks' `toolTypes` (an MCP tool's category is its server's name). */
const servers = new Map<string, string>();

export function mcpToolServer(name: string): string | undefined {
  return servers.get(name);
}

/** Namespaced tool name → the server's own tool name, for custom agents' `@server/tool` references. */
const originals = new Map<string, string>();

export function mcpToolOrigin(name: string): { server: string; tool: string } | undefined {
  const server = servers.get(name);
  const tool = originals.get(name);
  return server !== undefined && tool !== undefined ? { server, tool } : undefined;
}

/**
 * The name the model sees: `mcp_<server>_<tool>`, reduced to the characters model APIs accept and to 64 of them;
 * a clash (two names that reduce alike) gets a number. The chat titles cards by the same rule
 * (renderer/src/chat/mcpToolNames.ts): change both together.
 */
export function mcpToolName(server: string, tool: string, taken: ReadonlySet<string>): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_');
  const base = `mcp_${clean(server)}_${clean(tool)}`.slice(0, MAX_NAME);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `_${i}`;
    const name = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * The tools of the ready MCP servers as agent tools. The input schema is the server's own (carried as JSON
 * Schema metadata; the server validates the call), the description says which server it comes from. Running
 * one goes through the manager: an unapproved tool asks the user first (Allow / Always allow / Reject) and a
 * refusal, a server error or a failed call comes back to the model as an error result.
 */
/** Kiro's permission rules on an MCP tool (`server/tool`): the deciding rule, if any. */
export type McpPermissions = (server: string, tool: string) => Promise<{ effect: 'deny' | 'ask' | 'allow'; label: string } | undefined>;

export function mcpToolHandlers(source: McpToolSource, options: { sessionId?: string; reserved?: readonly string[]; permissions?: McpPermissions } = {}): ToolHandler[] {
  const taken = new Set(options.reserved ?? []);
  return source.listTools().map((info) => {
    const name = mcpToolName(info.server, info.name, taken);
    taken.add(name);
    servers.set(name, info.server);
    originals.set(name, info.name);
    const origin = `(MCP server "${info.server}", tool "${info.name}")`;
    return {
      name,
      description: info.description?.trim() ? `${info.description.trim()} ${origin}` : `The ${info.name} tool ${origin}.`,
      input: inputSchema(info.inputSchema),
      async run(input: unknown, ctx): Promise<ToolOutput> {
        const args = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
        const rule = await options.permissions?.(info.server, info.name);
        if (rule?.effect === 'deny') return { status: 'error', content: `Permission denied: ${info.name} (MCP server "${info.server}") is denied by ${rule.label}.` };
        const result = await source.callTool(info.server, info.name, args, {
          signal: ctx.signal,
          ...(options.sessionId ? { sessionId: options.sessionId } : {}),
          ...(rule ? { permission: rule.effect } : {}),
        });
        const text = resultText(result);
        return { status: result.isError ? 'error' : 'success', content: text };
      },
    } satisfies ToolHandler;
  });
}

/**
 * A zod schema that accepts any object and whose JSON Schema is exactly the server's (what the model is shown).
 * Validating against the server's schema here would only repeat — less faithfully — what the server does.
 */
function inputSchema(schema: unknown): z.ZodType {
  const json = schema && typeof schema === 'object' ? { ...(schema as Record<string, unknown>) } : {};
  // `$schema` is dropped by the tool-spec builder anyway; `id` would register the schema globally under that name.
  delete json.$schema;
  delete json.id;
  return z.looseObject({}).meta({ type: 'object', ...json });
}

/** The tool's answer as text for the model and the tool card: text parts as they are, other parts described. */
export function resultText(result: McpCallResult): string {
  const parts = result.content.map((part) => describePart(part));
  let text = parts.filter((p) => p !== '').join('\n');
  if (!text && result.structuredContent !== undefined) text = JSON.stringify(result.structuredContent, null, 2);
  if (!text) text = result.isError ? 'The tool failed without saying why.' : '(the tool returned nothing)';
  return text.length > MAX_RESULT ? `${text.slice(0, MAX_RESULT)}\n… (${text.length - MAX_RESULT} more characters cut)` : text;
}

function describePart(part: unknown): string {
  if (!part || typeof part !== 'object') return String(part ?? '');
  const p = part as Record<string, unknown>;
  switch (p.type) {
    case 'text':
      return typeof p.text === 'string' ? p.text : '';
    case 'image':
    case 'audio':
      return `[${p.type}${typeof p.mimeType === 'string' ? ` ${p.mimeType}` : ''}, not shown]`;
    case 'resource': {
      const r = (p.resource ?? {}) as Record<string, unknown>;
      if (typeof r.text === 'string') return r.text;
      return `[resource ${typeof r.uri === 'string' ? r.uri : ''}]`.replace(' ]', ']');
    }
    case 'resource_link':
      return `[resource ${typeof p.uri === 'string' ? p.uri : ''}${typeof p.name === 'string' ? ` (${p.name})` : ''}]`;
    default:
      return JSON.stringify(part);
  }
}

/**
 * The MCP tools for a session, read when it is created or reopened and again at each turn's start (a server that
 * became ready later, or a folder trusted later, then reaches it). Waits a little for servers still starting — at
 * most `waitMs` — rather than leaving a session opened right after the folder without them. The same servers give
 * the same tools in the same order, so an unchanged list keeps the cached prompt prefix byte-stable.
 */
export async function mcpToolsForSession(
  manager: Promise<McpToolSource>,
  options: { sessionId?: string; reserved?: readonly string[]; waitMs?: number; permissions?: McpPermissions } = {},
): Promise<ToolHandler[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), options.waitMs ?? 5000);
  });
  try {
    const ready = manager.then(async (m) => {
      await m.settled?.();
      return m;
    });
    const source = await Promise.race([ready.catch(() => undefined), late]);
    return source ? mcpToolHandlers(source, options) : [];
  } finally {
    clearTimeout(timer);
  }
}
