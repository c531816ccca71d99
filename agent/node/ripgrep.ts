import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TextMatch, TextSearch } from '../core/ports';

/** The `rg` binary on PATH, if any. */
export function findRipgrep(pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'rg.exe' : 'rg');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Content search with ripgrep, rooted at the workspace (it honours .gitignore, as users expect). */
export class RipgrepSearch implements TextSearch {
  constructor(
    private readonly rg: string,
    private readonly root: string,
  ) {}

  search(
    query: { pattern: string; include?: string; exclude?: string; caseSensitive: boolean; maxResults: number },
    signal?: AbortSignal,
  ): Promise<TextMatch[]> {
    // --hidden: dot-folders like .github and .kiro matter here; secrets are filtered by the caller.
    const args = ['--json', '--hidden', '--max-filesize', '1M', '--glob', '!.git'];
    if (!query.caseSensitive) args.push('--ignore-case');
    if (query.include) args.push('--glob', query.include);
    if (query.exclude) args.push('--glob', `!${query.exclude}`);
    args.push('--regexp', query.pattern, '--', '.');
    return new Promise((resolve, reject) => {
      const child = spawn(this.rg, args, { cwd: this.root, stdio: ['ignore', 'pipe', 'pipe'], signal });
      const matches: TextMatch[] = [];
      let buffer = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const m = parseMatch(line);
          if (m && matches.length < query.maxResults) matches.push(m);
          if (matches.length >= query.maxResults) child.kill();
        }
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => {
        // 0 = matches, 1 = none; a kill after enough matches is fine too.
        if (code === 0 || code === 1 || matches.length >= query.maxResults) resolve(matches);
        else reject(new Error(`ripgrep failed: ${stderr.trim() || `exit ${code}`}`));
      });
    });
  }
}

function parseMatch(line: string): TextMatch | undefined {
  try {
    const ev = JSON.parse(line) as { type: string; data?: { path?: { text?: string }; line_number?: number; lines?: { text?: string } } };
    if (ev.type !== 'match' || !ev.data?.path?.text) return undefined;
    return { path: ev.data.path.text.replace(/^\.\//, ''), line: ev.data.line_number ?? 0, text: (ev.data.lines?.text ?? '').replace(/\r?\n$/, '') };
  } catch {
    return undefined;
  }
}
