/** A spec's documents in the order the agent reads them: requirements (or bugfix), design, tasks. */
import type { ContextWorkspace } from './ports';
import { confineRelative } from './workspace-path';

export const SPEC_DOCUMENTS = ['requirements.md', 'bugfix.md', 'design.md', 'tasks.md'] as const;

/** `user-auth` or `.kiro/specs/user-auth` → the spec folder, or an error for a path outside the workspace. */
export function specDir(name: string): { path: string } | { error: string } {
  const trimmed = name.trim().replace(/\/+$/, '');
  return confineRelative(trimmed.includes('/') ? trimmed : `.kiro/specs/${trimmed}`);
}

export async function readSpecDocuments(workspace: ContextWorkspace, dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const file of SPEC_DOCUMENTS) {
    const path = `${dir}/${file}`;
    const stat = await workspace.stat(path).catch(() => undefined);
    if (stat?.type !== 'file') continue;
    const text = await workspace.readFile(path).catch(() => undefined);
    if (text !== undefined) out.push({ path, text });
  }
  return out;
}
