import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { McpLocalServerSchema, McpRemoteServerSchema, parseMcp } from '../../../specs-schema';
import { expandDeep } from './expand-vars';

export const WORKSPACE_MCP_CONFIG = '.kiro/settings/mcp.json';
export const defaultUserMcpConfig = (): string => path.join(os.homedir(), '.kiro', 'settings', 'mcp.json');

export type McpScope = 'workspace' | 'user';

/** One server ready to start, after merging and variable expansion. */
export type McpServerSpec = {
  name: string;
  scope: McpScope;
  disabled: boolean;
  autoApprove: string[];
  disabledTools: string[];
  /** Variables the entry uses that are not set (they expanded to empty). */
  missingVars: string[];
} & ({ transport: 'stdio'; command: string; args: string[]; env: Record<string, string> } | { transport: 'http'; url: string; headers: Record<string, string> });

export interface McpConfigProblem {
  scope: McpScope;
  /** The server concerned, or undefined for a problem with the whole file. */
  server?: string;
  message: string;
}

export interface McpConfig {
  servers: McpServerSpec[];
  problems: McpConfigProblem[];
}

export interface McpConfigSources {
  /** The workspace file's text (already read and approved by the caller), or undefined when absent/blocked. */
  workspaceText?: string;
  /** The user-level file's text, or undefined when absent. */
  userText?: string;
  env: NodeJS.ProcessEnv;
  workspaceFolder: string;
}

/**
 * Merges the user-level and the workspace mcp.json (a workspace entry replaces the user's entry of the same name),
 * expands variables and validates each server on its own: one broken entry is reported, the others still start.
 */
export function resolveMcpConfig(sources: McpConfigSources): McpConfig {
  const problems: McpConfigProblem[] = [];
  const byName = new Map<string, McpServerSpec>();
  for (const [scope, text] of [['user', sources.userText], ['workspace', sources.workspaceText]] as const) {
    if (text === undefined) continue;
    const doc = parseMcp(text);
    const fileErrors = doc.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('mcp/invalid'));
    for (const d of fileErrors) problems.push({ scope, message: `${d.message} (line ${d.line + 1})` });
    for (const entry of doc.servers) {
      const missing = new Set<string>();
      const expanded = expandDeep(entry.value, sources.env, sources.workspaceFolder, missing);
      if (entry.transport === 'unknown') {
        problems.push({ scope, server: entry.name, message: 'A server needs a "command" (local) or a "url" (remote).' });
        byName.delete(entry.name);
        continue;
      }
      const parsed = entry.transport === 'local' ? McpLocalServerSchema.safeParse(expanded) : McpRemoteServerSchema.safeParse(expanded);
      if (!parsed.success) {
        problems.push({ scope, server: entry.name, message: parsed.error.issues.map((i) => i.message).join('; ') });
        byName.delete(entry.name);
        continue;
      }
      const s = parsed.data;
      const common = {
        name: entry.name,
        scope,
        disabled: s.disabled === true,
        autoApprove: s.autoApprove ?? [],
        disabledTools: s.disabledTools ?? [],
        missingVars: [...missing],
      };
      const local = entry.transport === 'local' ? McpLocalServerSchema.parse(s) : undefined;
      const remote = entry.transport === 'remote' ? McpRemoteServerSchema.parse(s) : undefined;
      if (local) byName.set(entry.name, { ...common, transport: 'stdio', command: local.command, args: local.args ?? [], env: local.env ?? {} });
      else if (remote) byName.set(entry.name, { ...common, transport: 'http', url: remote.url, headers: remote.headers ?? {} });
    }
  }
  return { servers: [...byName.values()], problems };
}

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}
