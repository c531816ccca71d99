/**
 * Powers bring MCP servers in `.kiro/powers/<name>/mcp.json`. They start under the same rules as the workspace
 * mcp.json: nothing in an untrusted folder, and a file changed since the user approved it starts none of its
 * servers until approved again (each power's mcp.json is a guarded file of its own). A server name mcp.json (or
 * the user's file) already defines keeps that definition.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readIfExists, resolveMcpConfig, type McpConfigProblem, type McpServerSpec } from './mcp-config';

export const POWERS_DIR = '.kiro/powers';

/** `.kiro/powers/<name>/mcp.json` files present in the folder, workspace-relative and sorted. */
export async function listPowerMcpFiles(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, POWERS_DIR), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const rel = `${POWERS_DIR}/${e.name}/mcp.json`;
    if ((await readIfExists(path.join(root, rel))) !== undefined) out.push(rel);
  }
  return out.sort();
}

export interface PowerServers {
  /** Approved files' servers, not already defined elsewhere. */
  servers: McpServerSpec[];
  /** Servers of files changed since approval: shown as blocked. */
  blocked: { spec: McpServerSpec; file: string }[];
  problems: McpConfigProblem[];
}

export async function powerMcpServers(
  root: string,
  taken: ReadonlySet<string>,
  isApproved: (file: string, content: string) => Promise<boolean>,
  env: NodeJS.ProcessEnv,
): Promise<PowerServers> {
  const out: PowerServers = { servers: [], blocked: [], problems: [] };
  const seen = new Set(taken);
  for (const file of await listPowerMcpFiles(root)) {
    const text = await readIfExists(path.join(root, file));
    if (text === undefined) continue;
    const approved = await isApproved(file, text);
    const config = resolveMcpConfig({ workspaceText: text, env, workspaceFolder: root });
    out.problems.push(...config.problems.map((p) => ({ ...p, message: `${file}: ${p.message}` })));
    for (const spec of config.servers) {
      if (seen.has(spec.name)) continue;
      seen.add(spec.name);
      if (approved) out.servers.push(spec);
      else out.blocked.push({ spec, file });
    }
  }
  return out;
}
