import { z } from 'zod';
import type { WorkspaceAccess } from '../core/ports';
import { defineTool, ok } from './tool';

const MAX_ENTRIES = 2000;

export const listDirectoryTool = defineTool({
  name: 'listDirectory',
  description: 'List a folder of the workspace ("" or "." for the root); folders end with "/". depth 1–5 lists sub-folders too.',
  input: z.object({
    path: z.string().default('.'),
    depth: z.number().int().min(1).max(5).default(1),
  }),
  async run({ path, depth }, ctx) {
    const lines: string[] = [];
    await walk(ctx.workspace, path === '.' ? '' : path.replace(/\/+$/, ''), depth, '', lines, ctx.signal);
    if (lines.length === 0) return ok('(empty folder)');
    return ok(lines.length >= MAX_ENTRIES ? `${lines.join('\n')}\n… (stopped at ${MAX_ENTRIES} entries)` : lines.join('\n'));
  },
});

async function walk(ws: WorkspaceAccess, dir: string, depth: number, indent: string, out: string[], signal: AbortSignal): Promise<void> {
  for (const entry of await ws.list(dir)) {
    if (out.length >= MAX_ENTRIES || signal.aborted) return;
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const isDir = entry.type === 'directory';
    out.push(`${indent}${entry.name}${isDir ? '/' : ''}`);
    if (isDir && depth > 1) await walk(ws, dir ? `${dir}/${entry.name}` : entry.name, depth - 1, `${indent}  `, out, signal);
  }
}
