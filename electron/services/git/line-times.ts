/**
 * When each line of a file was last edited, for requirement drift: from `git blame` (uncommitted lines count as
 * the file's modification time), or the file's modification time for every line outside a repository (or in an
 * untrusted folder, where Keel runs no git).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { GitRepo } from './git-repo';

export interface LineInfo {
  /** Edit time in ms. */
  time: number;
  /** The commit that last changed the line; undefined for uncommitted lines and outside git. */
  commit?: string;
}

const UNCOMMITTED = '0000000000000000000000000000000000000000';

export async function lineTimes(root: string, repo: GitRepo | undefined, rel: string): Promise<(line: number) => LineInfo> {
  const mtime = (await stat(path.join(root, rel)).catch(() => undefined))?.mtimeMs ?? 0;
  const fallback = { time: mtime };
  if (!repo) return () => fallback;
  try {
    // --no-textconv: a textconv driver from the repository's config never runs for this.
    const out = await repo.git.run(['blame', '--no-textconv', '--line-porcelain', '--', rel]);
    const lines: LineInfo[] = [];
    let commit = '';
    let committed = 0;
    for (const l of out.split('\n')) {
      if (/^[0-9a-f]{40} /.test(l)) commit = l.slice(0, 40);
      else if (l.startsWith('committer-time ')) committed = Number(l.slice(15)) * 1000;
      else if (l.startsWith('\t')) lines.push(commit === UNCOMMITTED ? fallback : { time: committed, commit });
    }
    return (line) => lines[line] ?? fallback;
  } catch {
    return () => fallback; // an untracked file: its modification time for every line
  }
}
