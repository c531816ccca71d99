import type { GitChange, GitChangeKind } from '../../../protocol';

/** What `git status --porcelain=v2 -z --branch` says, split into the groups the Source Control view shows. */
export interface ParsedStatus {
  branch?: string;
  detached: boolean;
  unborn: boolean;
  upstream?: string;
  ahead: number;
  behind: number;
  staged: GitChange[];
  changes: GitChange[];
  conflicts: GitChange[];
}

const KINDS: Record<string, GitChangeKind> = { M: 'modified', A: 'added', D: 'deleted', R: 'renamed', C: 'copied', T: 'typechange' };

/**
 * Parses porcelain v2 (stable across git versions, unlike the human format). `prefix` is the workspace's path
 * inside the repository (`git rev-parse --show-prefix`, e.g. `app/`): entries outside it are dropped and the rest
 * made workspace-relative.
 */
export function parsePorcelainV2(output: string, prefix = ''): ParsedStatus {
  const status: ParsedStatus = { detached: false, unborn: false, ahead: 0, behind: 0, staged: [], changes: [], conflicts: [] };
  let oid = '';
  const records = output.split('\0');
  const local = (p: string): string | undefined => (p.startsWith(prefix) ? p.slice(prefix.length) : undefined);
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string;
    if (!record) continue;
    const type = record[0];
    if (type === '#') {
      const [, key, ...rest] = record.split(' ');
      const value = rest.join(' ');
      if (key === 'branch.oid') {
        oid = value;
        status.unborn = value === '(initial)';
      } else if (key === 'branch.head') {
        if (value === '(detached)') status.detached = true;
        else status.branch = value;
      } else if (key === 'branch.upstream') status.upstream = value;
      else if (key === 'branch.ab') {
        const m = /^\+(\d+) -(\d+)$/.exec(value);
        if (m) {
          status.ahead = Number(m[1]);
          status.behind = Number(m[2]);
        }
      }
    } else if (type === '1' || type === '2') {
      // "1 XY sub mH mI mW hH hI path" / "2 XY sub mH mI mW hH hI Xscore path" followed by the original path.
      const fields = record.split(' ');
      const xy = fields[1] ?? '..';
      const path = local(fields.slice(type === '1' ? 8 : 9).join(' '));
      const from = type === '2' ? records[++i] : undefined;
      if (path === undefined) continue;
      const fromLocal = from === undefined ? undefined : (local(from) ?? `../${from}`);
      const entry = (code: string): GitChange => {
        const kind = KINDS[code] ?? 'modified';
        return fromLocal !== undefined && (kind === 'renamed' || kind === 'copied') ? { path, from: fromLocal, kind } : { path, kind };
      };
      if (xy[0] !== '.') status.staged.push(entry(xy[0] as string));
      if (xy[1] !== '.') status.changes.push(entry(xy[1] as string));
    } else if (type === 'u') {
      const path = local(record.split(' ').slice(10).join(' '));
      if (path !== undefined) status.conflicts.push({ path, kind: 'conflicted' });
    } else if (type === '?') {
      const path = local(record.slice(2));
      if (path !== undefined) status.changes.push({ path, kind: 'untracked' });
    }
  }
  if (status.detached) status.branch = oid.slice(0, 8);
  return status;
}
