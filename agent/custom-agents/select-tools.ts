/**
 * Which tools a custom agent gets: its `tools` (or, when it has none, its `allowedTools`; with neither, every tool,
 * as Kiro's default agent has), minus its `disallowedTools`. Names go through the one table in tool-table.ts; a name
 * Keel does not know is kept in the file and reported, and grants nothing. The result keeps the order of the
 * available tools, so the cached prompt prefix is the same whenever the selection is.
 */
import type { NameList } from '../../specs-schema';
import { TOOL_CATEGORIES, TOOL_NAMES, TOOLS_WITHOUT_KEEL_EQUIVALENT } from './tool-table';

export interface AgentToolFields {
  tools?: NameList;
  allowedTools?: NameList;
  disallowedTools?: NameList;
}

/** A tool Keel could offer: its name, and its MCP server and tool name when it comes from one. */
export interface AvailableTool {
  name: string;
  mcp?: { server: string; tool: string };
}

export interface ToolSelection {
  /** Names of the granted tools, in the order of `available`. */
  names: string[];
  warnings: string[];
}

export function selectAgentTools(agent: AgentToolFields, available: readonly AvailableTool[]): ToolSelection {
  const warnings: string[] = [];
  const base = agent.tools ?? agent.allowedTools;
  const granted = new Set<string>(base ? resolve(base.names, available, agent.tools ? 'tools' : 'allowedTools', warnings) : available.map((t) => t.name));
  if (agent.tools && agent.allowedTools) {
    // Kiro CLI's allowedTools pre-approve tools; Keel's trust rules still decide what asks (see the permissions engine).
    warnings.push('allowedTools: these tools are not pre-approved in Keel; commands and MCP tools still ask as the trust rules say.');
  }
  // Taking away a tool Keel does not have needs no warning; an unknown name still gets one (a typo keeps a tool).
  if (agent.disallowedTools) for (const n of resolve(agent.disallowedTools.names, available, 'disallowedTools', warnings, true)) granted.delete(n);
  return { names: available.filter((t) => granted.has(t.name)).map((t) => t.name), warnings };
}

function resolve(names: readonly string[], available: readonly AvailableTool[], field: string, warnings: string[], removing = false): string[] {
  const out: string[] = [];
  const builtin = available.filter((t) => !t.mcp);
  const mcp = available.filter((t) => t.mcp);
  for (const raw of names) {
    const name = raw.trim();
    if (name === '*') out.push(...available.map((t) => t.name));
    else if (name === '@builtin') out.push(...builtin.map((t) => t.name));
    else if (name === '@mcp') out.push(...mcp.map((t) => t.name));
    else if (name.startsWith('@')) {
      const [server = '', tool] = name.slice(1).split('/', 2);
      const hits = mcp.filter((t) => t.mcp?.server === server && (tool === undefined || wildcard(tool).test(t.mcp.tool)));
      if (!hits.length && !removing) warnings.push(`${field}: "${name}" — no tool of MCP server "${server}" is available (is it in mcp.json, trusted and running?).`);
      out.push(...hits.map((t) => t.name));
    } else if (TOOL_CATEGORIES[name]) {
      const keel = TOOL_CATEGORIES[name];
      if (!keel.length && !removing) warnings.push(`${field}: "${name}" tools do not exist in Keel yet; the agent works without them.`);
      out.push(...keel);
    } else if (TOOL_NAMES[name]) out.push(...(TOOL_NAMES[name] ?? []));
    else if (TOOLS_WITHOUT_KEEL_EQUIVALENT.has(name)) {
      if (!removing) warnings.push(`${field}: "${name}" has no Keel tool yet; the agent works without it.`);
    }
    else if (name.includes('*')) {
      const re = wildcard(name);
      out.push(...available.filter((t) => re.test(t.name)).map((t) => t.name));
    } else if (available.some((t) => t.name === name)) out.push(name);
    else warnings.push(`${field}: "${name}" is not a tool Keel knows; it is kept in the file and grants nothing.`);
  }
  return out;
}

function wildcard(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
