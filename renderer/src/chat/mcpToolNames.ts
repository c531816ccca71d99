import { create } from 'zustand';
import type { McpState } from '../../../protocol';
import type { Client } from '../../../protocol/client';
import { useConnection } from '../state/connection';

/** An MCP tool as the user knows it: the server's own tool name and the server's name. */
export interface McpToolRef {
  server: string;
  tool: string;
}

/** Bedrock's tool-name limit; the host cuts names to it (electron/services/agent/mcp-tools.ts, `mcpToolName`). */
const MAX_NAME = 64;
const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_');

/**
 * Model-facing tool name → its server and tool, from the servers' own tool lists. Names are rebuilt with the host's
 * rule (`mcp_<server>_<tool>`, reduced and cut to 64) rather than split at underscores, since server and tool
 * names contain them. Two tools that reduce to one name map to null: the card then shows the raw name rather
 * than a guess (the host numbers such clashes).
 */
export function mcpToolRefs(state: McpState | null): Map<string, McpToolRef | null> {
  const refs = new Map<string, McpToolRef | null>();
  for (const server of state?.servers ?? []) {
    for (const tool of server.tools) {
      const name = `mcp_${clean(server.name)}_${clean(tool.name)}`.slice(0, MAX_NAME);
      // null: ambiguous, never labelled.
      refs.set(name, refs.has(name) ? null : { server: server.name, tool: tool.name });
    }
  }
  return refs;
}

/** The card title of a tool call by its model-facing name, when it is a known MCP tool. */
export function mcpTitleOf(name: string, refs: ReadonlyMap<string, McpToolRef | null>): string | undefined {
  const ref = refs.get(name);
  return ref ? mcpToolTitle(ref) : undefined;
}

/** The server and tool of a call by its model-facing name, when it is a known MCP tool. */
export function mcpRefOf(name: string, refs: ReadonlyMap<string, McpToolRef | null>): McpToolRef | undefined {
  return refs.get(name) ?? undefined;
}

/** How a card titles an MCP tool call: "echo · fixture (MCP)". */
export function mcpToolTitle(ref: McpToolRef): string {
  return `${ref.tool} · ${ref.server} (MCP)`;
}

interface McpNamesState {
  refs: Map<string, McpToolRef | null>;
}

export const useMcpToolRefs = create<McpNamesState>()(() => ({ refs: new Map() }));

let started: Client | null = null;

/** Keeps the name map current from the host's MCP status (loaded on each connect, then from `mcp/changed`). */
export function startMcpToolNames(client: Client): void {
  if (started === client) return;
  started = client;
  const set = (state: McpState) => {
    // A server that stopped keeps its names: cards of its earlier calls still read as its tools.
    const refs = new Map(useMcpToolRefs.getState().refs);
    for (const [name, ref] of mcpToolRefs(state)) refs.set(name, ref);
    useMcpToolRefs.setState({ refs });
  };
  const load = () => void client.request('mcp/status', {}).then(set, () => undefined);
  client.on('mcp/changed', set);
  useConnection.subscribe((s, prev) => {
    if (s.status === 'connected' && prev.status !== 'connected') load();
  });
  load();
}
