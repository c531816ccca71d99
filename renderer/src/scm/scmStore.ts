import { create } from 'zustand';
import type { GitChange, GitCommit, GitStatus, GitSummary } from '../../../protocol';

/** The Source Control view's state: the last status from the main process, the commit message, UI toggles. */
export interface ScmState {
  /** Undefined until the first status arrived. */
  status: GitStatus | undefined;
  /** Last summary announced by `git/changed` (may be newer than `status` until the refetch lands). */
  summary: GitSummary | undefined;
  error: string | undefined;
  message: string;
  collapsed: { staged: boolean; changes: boolean; conflicts: boolean; log: boolean };
  log: GitCommit[];
  /** The branch-name box is open (after "Create new branch…"). */
  creatingBranch: boolean;
  /** An operation is running (the progress bar shows; buttons stay usable: operations queue in main). */
  busy: number;
  set(patch: Partial<Omit<ScmState, 'set'>>): void;
}

export const useScm = create<ScmState>()((set) => ({
  status: undefined,
  summary: undefined,
  error: undefined,
  message: '',
  collapsed: { staged: false, changes: false, conflicts: false, log: true },
  log: [],
  creatingBranch: false,
  busy: 0,
  set: (patch) => set(patch),
}));

export type GroupId = 'conflicts' | 'staged' | 'changes';

export const GROUP_TITLES: Record<GroupId, string> = { conflicts: 'Merge Changes', staged: 'Staged Changes', changes: 'Changes' };

/** One row of the virtualised list: a group header or a file in a group. */
export type ScmRow = { kind: 'group'; group: GroupId; count: number } | { kind: 'file'; group: GroupId; change: GitChange };

/** The flat row list the virtual list draws: empty groups are left out, collapsed groups show their header only. */
export function buildRows(status: GitStatus | undefined, collapsed: ScmState['collapsed']): ScmRow[] {
  if (!status) return [];
  const rows: ScmRow[] = [];
  for (const group of ['conflicts', 'staged', 'changes'] as const) {
    const list = status[group];
    // Changes always shows (as in VS Code) so an empty repository still says "Changes 0"; the others only when filled.
    if (list.length === 0 && group !== 'changes') continue;
    rows.push({ kind: 'group', group, count: list.length });
    if (!collapsed[group]) for (const change of list) rows.push({ kind: 'file', group, change });
  }
  return rows;
}

/** VS Code's one-letter decorations. */
export const KIND_LETTER: Record<GitChange['kind'], string> = {
  modified: 'M',
  added: 'A',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  typechange: 'T',
  untracked: 'U',
  conflicted: '!',
};
