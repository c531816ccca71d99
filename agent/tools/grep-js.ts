import ignore from 'ignore';
import type { TextMatch, WorkspaceAccess } from '../core/ports';

const MAX_FILE_BYTES = 1_000_000;

/** Plain-JS content search for machines without ripgrep: slower, same results shape. */
export async function grepWithJs(
  workspace: WorkspaceAccess,
  query: { pattern: RegExp; include?: string; exclude?: string; maxResults: number },
  signal?: AbortSignal,
): Promise<TextMatch[]> {
  const include = query.include ? ignore().add(query.include) : undefined;
  const exclude = query.exclude ? ignore().add(query.exclude) : undefined;
  const out: TextMatch[] = [];
  for await (const path of workspace.walk('', signal)) {
    if (include && !include.ignores(path)) continue;
    if (exclude?.ignores(path)) continue;
    const stat = await workspace.stat(path);
    if (!stat || stat.size > MAX_FILE_BYTES) continue;
    const text = await workspace.readFile(path).catch(() => '');
    if (text.includes('\0')) continue; // binary
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      query.pattern.lastIndex = 0;
      if (query.pattern.test(lines[i]!)) {
        out.push({ path, line: i + 1, text: lines[i]! });
        if (out.length >= query.maxResults) return out;
      }
    }
  }
  return out;
}
