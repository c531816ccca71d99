import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files whose content decides what runs in a workspace: hooks run commands and prompts, mcp.json starts
 * programs. Each needs the user's approval again whenever it changes after the folder was trusted.
 */
export const HOOKS_DIR = '.kiro/hooks';
export const MCP_CONFIG = '.kiro/settings/mcp.json';
/** A power's own MCP servers: `.kiro/powers/<name>/mcp.json`. */
const POWER_MCP = /^\.kiro\/powers\/[^/]+\/mcp\.json$/;

/** True for `.kiro/hooks/*.kiro.hook`, `.kiro/hooks/*.json` (Kiro 1.0), `.kiro/settings/mcp.json` and powers' `mcp.json` (workspace-relative, `/`-separated). */
export function isGuardedFile(rel: string): boolean {
  const p = rel.split(path.sep).join('/');
  if (p === MCP_CONFIG || POWER_MCP.test(p)) return true;
  return p.startsWith(`${HOOKS_DIR}/`) && isHookName(p) && !p.slice(HOOKS_DIR.length + 1).includes('/');
}

/** Hook files are read by content (a 0.x hook may be saved as .json too), so both names are guarded. */
function isHookName(name: string): boolean {
  return name.endsWith('.kiro.hook') || name.endsWith('.json');
}

/** The guarded files that exist in `folder` now, relative and sorted. */
export async function listGuardedFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  try {
    const entries = await readdir(path.join(folder, HOOKS_DIR), { withFileTypes: true });
    for (const e of entries) if (e.isFile() && isHookName(e.name)) out.push(`${HOOKS_DIR}/${e.name}`);
  } catch {
    // No hooks folder: nothing to approve.
  }
  try {
    const entries = await readdir(path.join(folder, '.kiro/settings'), { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'mcp.json')) out.push(MCP_CONFIG);
  } catch {
    // No settings folder.
  }
  try {
    for (const e of await readdir(path.join(folder, '.kiro/powers'), { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const inner = await readdir(path.join(folder, '.kiro/powers', e.name), { withFileTypes: true }).catch(() => []);
      if (inner.some((f) => f.isFile() && f.name === 'mcp.json')) out.push(`.kiro/powers/${e.name}/mcp.json`);
    }
  } catch {
    // No powers folder.
  }
  return out.sort();
}
