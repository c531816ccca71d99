import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files whose content decides what runs in a workspace: hooks run commands and prompts, mcp.json starts
 * programs. Each needs the user's approval again whenever it changes after the folder was trusted.
 */
export const HOOKS_DIR = '.kiro/hooks';
export const MCP_CONFIG = '.kiro/settings/mcp.json';

/** True for `.kiro/hooks/*.kiro.hook`, `.kiro/hooks/*.json` (Kiro 1.0) and `.kiro/settings/mcp.json` (workspace-relative, `/`-separated). */
export function isGuardedFile(rel: string): boolean {
  const p = rel.split(path.sep).join('/');
  if (p === MCP_CONFIG) return true;
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
  return out.sort();
}
