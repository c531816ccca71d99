/**
 * Source control: status, staging, commits, branches (issue #9).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 *
 * Paths are workspace-relative. When the workspace is a sub-folder of a repository, only changes inside the
 * workspace are listed (and paths are relative to the workspace, not to the repository).
 */
import { z } from 'zod';
import { RelPath } from './workspace';

export const GitChangeKind = z.enum(['modified', 'added', 'deleted', 'renamed', 'copied', 'typechange', 'untracked', 'conflicted']);
export type GitChangeKind = z.infer<typeof GitChangeKind>;

export const GitChange = z.object({
  path: RelPath,
  /** The old path of a rename or copy. */
  from: RelPath.optional(),
  kind: GitChangeKind,
});
export type GitChange = z.infer<typeof GitChange>;

/** What the status bar and the activity badge need; also the payload of `git/changed`. */
export const GitSummary = z.object({
  /**
   * 'none': the folder is not inside a repository (the view offers "Initialize repository"). 'restricted': the
   * folder is not trusted, so Keel runs no git in it (a repository's own config can make git run programs);
   * every other git request fails with READ_ONLY until the folder is trusted.
   */
  state: z.enum(['repo', 'none', 'restricted']),
  /** Current branch; for a detached HEAD the short commit id. Undefined outside a repository. */
  branch: z.string().optional(),
  detached: z.boolean(),
  /** No commit yet (a freshly initialised repository). */
  unborn: z.boolean(),
  upstream: z.string().optional(),
  ahead: z.number(),
  behind: z.number(),
  counts: z.object({ staged: z.number(), changes: z.number(), conflicts: z.number() }),
  /** Increases whenever the status differs from the previous one; the view refetches when it moves. */
  version: z.number(),
});
export type GitSummary = z.infer<typeof GitSummary>;

export const GitStatus = GitSummary.extend({
  staged: z.array(GitChange),
  /** Unstaged changes and untracked files. */
  changes: z.array(GitChange),
  /** Merge conflicts (both sides changed). */
  conflicts: z.array(GitChange),
});
export type GitStatus = z.infer<typeof GitStatus>;

/** One hunk of a file's diff; `id` fingerprints its text so a stale hunk is refused instead of misapplied. */
export const GitHunk = z.object({
  index: z.number(),
  id: z.string(),
  header: z.string(),
  oldStart: z.number(),
  oldLines: z.number(),
  newStart: z.number(),
  newLines: z.number(),
  /** First and last line actually changed (working-tree or index numbering), without the context lines. */
  changedStart: z.number(),
  changedEnd: z.number(),
});
export type GitHunk = z.infer<typeof GitHunk>;

/**
 * Which diff: 'changes' compares the index with the working tree (what staging a hunk moves), 'staged' compares
 * HEAD with the index (what unstaging moves) — as VS Code's Changes and Staged Changes groups do.
 */
export const GitDiffSide = z.enum(['changes', 'staged']);
export type GitDiffSide = z.infer<typeof GitDiffSide>;

export const GitFileDiff = z.object({
  path: RelPath,
  side: GitDiffSide,
  /** Left text (index or HEAD; '' when the file did not exist there). */
  original: z.string(),
  /** Right text (working tree or index; '' when deleted). */
  modified: z.string(),
  originalLabel: z.string(),
  modifiedLabel: z.string(),
  hunks: z.array(GitHunk),
  /** Binary or too large to show: texts are empty, only whole-file actions apply. */
  notShown: z.string().optional(),
  /** Hunk staging needs a tracked text file (new, deleted and binary files move as a whole). */
  hunksApply: z.boolean(),
});
export type GitFileDiff = z.infer<typeof GitFileDiff>;

export const GitBranch = z.object({
  /** Local branch name, or `origin/x` for a remote-tracking branch. */
  name: z.string(),
  remote: z.boolean(),
  current: z.boolean(),
  commit: z.string(),
  subject: z.string(),
  upstream: z.string().optional(),
});
export type GitBranch = z.infer<typeof GitBranch>;

export const GitCommit = z.object({
  hash: z.string(),
  short: z.string(),
  subject: z.string(),
  author: z.string(),
  /** ISO 8601 author date. */
  date: z.string(),
  /** Branch and tag names pointing here (`HEAD -> main`, `tag: v1`). */
  refs: z.string(),
});
export type GitCommit = z.infer<typeof GitCommit>;

export const DriftFinding = z.object({
  specDir: RelPath,
  taskId: z.string(),
  taskTitle: z.string(),
  /** tasks.md, with the task's 0-based line and title column. */
  file: RelPath,
  line: z.number(),
  column: z.number(),
  code: z.enum(['drift/file-changed', 'drift/requirement-edited']),
  /** The changed file (workspace-relative) or the edited requirement's id. */
  subject: z.string(),
  message: z.string(),
});
export type DriftFinding = z.infer<typeof DriftFinding>;

export const DriftState = z.object({
  findings: z.array(DriftFinding),
  /** Why `.kiro/keel/drift-reviewed.json` is being ignored (bad JSON, a merge conflict). */
  reviewedProblem: z.string().optional(),
});
export type DriftState = z.infer<typeof DriftState>;

const Paths = z.array(RelPath.min(1)).min(1).max(200_000);
const BranchName = z.string().min(1).max(250);
const HunkRef = z.object({ path: RelPath.min(1), index: z.number().int().min(0), id: z.string().min(1).max(100) });

export const gitRequests = {
  /** The full status (every changed file). Outside a repository: `state: 'none'` with empty lists. */
  'git/status': { request: z.object({}), response: GitStatus },
  /** `git init` in the workspace folder. */
  'git/init': { request: z.object({}), response: GitSummary },
  /** Stages whole files (new, modified, deleted, conflict resolutions). */
  'git/stage': { request: z.object({ paths: Paths }), response: z.object({}) },
  /** Moves staged files back to Changes (the working tree is untouched). */
  'git/unstage': { request: z.object({ paths: Paths }), response: z.object({}) },
  /**
   * Throws away working-tree changes of these files (untracked files are deleted). The renderer confirms first;
   * the service keeps a copy of each discarded file under Keel's user data folder (`backupDir` in the reply).
   */
  'git/discard': { request: z.object({ paths: Paths }), response: z.object({ backupDir: z.string().optional() }) },
  /** The texts and hunks of one file for the diff editor. */
  'git/diff': { request: z.object({ path: RelPath.min(1), side: GitDiffSide }), response: GitFileDiff },
  /** Applies one hunk of the 'changes' diff to the index. CONFLICT when the file changed since (refetch the diff). */
  'git/stageHunk': { request: HunkRef, response: z.object({}) },
  /** Removes one hunk of the 'staged' diff from the index. */
  'git/unstageHunk': { request: HunkRef, response: z.object({}) },
  /** A file's text at HEAD (gutter markers); `exists: false` when HEAD has no such file or no commit yet. */
  'git/showHead': {
    request: z.object({ path: RelPath.min(1) }),
    response: z.object({ exists: z.boolean(), content: z.string(), tracked: z.boolean() }),
  },
  /** Commits what is staged. BAD_REQUEST with git's own message when nothing is staged or identity is unset. */
  'git/commit': {
    request: z.object({ message: z.string().trim().min(1, 'a commit message').max(100_000), amend: z.boolean().default(false) }),
    response: z.object({ hash: z.string() }),
  },
  'git/branches': { request: z.object({}), response: z.object({ branches: z.array(GitBranch) }) },
  /** Creates a branch at HEAD and switches to it. BAD_REQUEST for a name git refuses, EXISTS when taken. */
  'git/createBranch': { request: z.object({ name: BranchName }), response: z.object({}) },
  /** Switches branch; a remote-tracking `origin/x` creates local `x` tracking it. CONFLICT when changes would be overwritten. */
  'git/checkout': { request: z.object({ name: BranchName }), response: z.object({}) },
  /** Recent commits on HEAD, newest first. */
  'git/log': {
    request: z.object({ limit: z.number().int().min(1).max(1000).default(50) }),
    response: z.object({ commits: z.array(GitCommit) }),
  },
  /**
   * Spec drift: done tasks (per the task runner's history, or a committed review) whose written files changed since
   * outside a task, or whose cited requirement was edited since. Computed in the main process and kept current from
   * the file watcher (`git/driftChanged`).
   */
  'git/drift': { request: z.object({}), response: DriftState },
  /**
   * "Mark reviewed": records the task's files and cited requirements as they are now in
   * `.kiro/keel/drift-reviewed.json` (committed with the code, so `keel spec check` in CI agrees); the task's drift
   * stays cleared until one of them changes. NOT_FOUND for a task that is not in tasks.md; CONFLICT when the review
   * file is unreadable (it is never overwritten then).
   */
  'git/reviewDrift': { request: z.object({ specDir: RelPath.min(1), taskId: z.string().min(1).max(100) }), response: DriftState },
} as const;

export const gitEvents = {
  /** The status changed (files, index, HEAD or branch); the view refetches `git/status` when visible. */
  'git/changed': GitSummary,
  /** The drift findings changed (sent once something asked for `git/drift`). */
  'git/driftChanged': DriftState,
} as const;
