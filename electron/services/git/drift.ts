/**
 * Spec drift (issue #9.3): a done task whose files changed afterwards outside a task run, or whose cited
 * requirement was edited after it was done.
 *
 * Two sources, the second winning where both speak:
 * - the task runner's journal (Keel's user data): the files the task's last run wrote and when it ended; a file
 *   modified later (or deleted) is drift, unless a later task run wrote it; a cited requirement whose lines are
 *   newer than the run (git blame, else requirements.md's modification time) is drift;
 * - the committed review file (`drift-reviewed.ts`): content hashes taken when the user marked the task reviewed;
 *   drift while any of them differs. It alone works on a CI machine that has no journal.
 * A task with neither gives no drift, so a repository without Keel's history never shows false flags.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findRequirement, parseRequirements, parseTasks, type FileDiagnostic, type Task } from '../../../specs-schema';
import { foldRuns, type RunSummary } from '../tasks/run-history';
import { RunJournal } from '../tasks/run-journal';
import { fileHash, readReviewed, requirementHash, reviewKey, REVIEWED_FILE, type ReviewedTask } from './drift-reviewed';
import type { GitRepo } from './git-repo';
import { lineTimes, type LineInfo } from './line-times';

/** File-system timestamps are coarse and the runner ticks the box after writing: allow this much. */
const GRACE_MS = 2000;

export type DriftCode = 'drift/file-changed' | 'drift/requirement-edited';

export interface DriftSpec {
  dir: string;
  tasks?: { path: string; text: string };
  requirements?: { path: string; text: string };
}

export interface DriftFinding {
  specDir: string;
  taskId: string;
  taskTitle: string;
  /** tasks.md, on the task's line (0-based line and column). */
  file: string;
  line: number;
  column: number;
  code: DriftCode;
  /** The changed file (workspace-relative) or the edited requirement's id. */
  subject: string;
  message: string;
}

export interface DriftReport {
  findings: DriftFinding[];
  /** Problems with the review file itself (it is then ignored). */
  problems: FileDiagnostic[];
}

export interface DriftInput {
  root: string;
  userDataDir: string;
  specs: readonly DriftSpec[];
  /** The repository for blame times; undefined outside git or where git must not run (an untrusted folder). */
  repo: GitRepo | undefined;
}

/** What the journal and the review file say about the done tasks; shared by finding drift and reviewing it. */
interface History {
  runs: RunSummary[];
  lastTaskWrite: Map<string, number>;
  reviewed: ReadonlyMap<string, ReviewedTask>;
  problem?: string;
}

async function loadHistory(root: string, userDataDir: string): Promise<History> {
  const { records } = await RunJournal.forWorkspace(userDataDir, root).read();
  const runs = foldRuns(records).runs.filter((r) => r.outcome === 'done' && r.endedAt !== undefined);
  // The last moment any task run wrote each file: a later task changing a file is not drift.
  const lastTaskWrite = new Map<string, number>();
  for (const r of runs) for (const f of r.filesChanged) lastTaskWrite.set(f, Math.max(lastTaskWrite.get(f) ?? 0, Date.parse(r.endedAt as string)));
  const reviewed = await readReviewed(root);
  return { runs, lastTaskWrite, reviewed: reviewed.tasks, ...(reviewed.problem ? { problem: reviewed.problem } : {}) };
}

/** The task's last done run and its review (dropped when a later run superseded it). */
function taskHistory(h: History, specDir: string, taskId: string): { last?: RunSummary; ended: number; review?: ReviewedTask } {
  let last: RunSummary | undefined;
  for (const r of h.runs) if (r.specDir === specDir && r.taskId === taskId && (!last || (r.endedAt as string) > (last.endedAt as string))) last = r;
  const ended = last ? Date.parse(last.endedAt as string) : 0;
  const review = h.reviewed.get(reviewKey(specDir, taskId));
  const current = review && Date.parse(review.reviewedAt) >= ended ? review : undefined;
  return { ...(last ? { last } : {}), ended, ...(current ? { review: current } : {}) };
}

const citedRequirements = (task: Task): string[] =>
  [...new Set(task.refs.filter((l) => l.kind === 'requirements').flatMap((l) => l.items.flatMap((i) => i.ids)).map((id) => id.split('.')[0] as string))].sort();

export async function findDrift({ root, userDataDir, specs, repo }: DriftInput): Promise<DriftReport> {
  const h = await loadHistory(root, userDataDir);
  const problems: FileDiagnostic[] = h.problem ? [{ file: REVIEWED_FILE, line: 0, column: 0, severity: 'warning', code: 'drift/reviewed-unreadable', message: h.problem }] : [];
  if (h.runs.length === 0 && h.reviewed.size === 0) return { findings: [], problems };
  const times = new Map<string, Promise<(line: number) => LineInfo>>();
  const timesOf = (rel: string) => {
    let t = times.get(rel);
    if (!t) times.set(rel, (t = lineTimes(root, repo, rel)));
    return t;
  };
  const mtimes = new Map<string, Promise<number>>();
  const mtimeOf = (rel: string) => {
    let t = mtimes.get(rel);
    if (!t) mtimes.set(rel, (t = stat(path.join(root, rel)).then((s) => s.mtimeMs, () => 0)));
    return t;
  };
  const findings: DriftFinding[] = [];
  for (const spec of specs) {
    if (!spec.tasks) continue;
    const doc = parseTasks(spec.tasks.text);
    const reqDoc = spec.requirements ? parseRequirements(spec.requirements.text) : undefined;
    const reqLines = spec.requirements ? spec.requirements.text.split(/\r\n|\r|\n/) : [];
    for (const task of doc.all) {
      if (task.state !== 'done' || !task.id) continue;
      const { last, ended, review } = taskHistory(h, spec.dir, task.id);
      if (!last && !review) continue;
      const flag = (code: DriftCode, subject: string, message: string) =>
        findings.push({ specDir: spec.dir, taskId: task.id as string, taskTitle: task.title, file: spec.tasks!.path, line: task.line, column: task.titleColumn, code, subject, message });

      const files = new Set([...(last?.filesChanged ?? []), ...Object.keys(review?.files ?? {})]);
      for (const file of [...files].sort()) {
        const reviewed = review?.files[file];
        if (review && reviewed !== undefined) {
          if ((h.lastTaskWrite.get(file) ?? 0) > Date.parse(review.reviewedAt)) continue;
          const now = await fileHash(root, file);
          if (now === reviewed) continue;
          flag('drift/file-changed', file, now === null ? `Task ${task.id} is done, but ${file}, which it wrote, was deleted after the drift was reviewed.` : `Task ${task.id} is done, but ${file}, which it wrote, changed after the drift was reviewed.`);
        } else if (last) {
          if ((h.lastTaskWrite.get(file) ?? 0) > ended) continue;
          const info = await stat(path.join(root, file)).catch(() => undefined);
          if (!info) flag('drift/file-changed', file, `Task ${task.id} is done, but ${file}, which it wrote, was deleted afterwards outside a task.`);
          else if (info.mtimeMs > ended + GRACE_MS) flag('drift/file-changed', file, `Task ${task.id} is done, but ${file}, which it wrote, changed afterwards outside a task.`);
        }
      }

      if (!spec.requirements || !reqDoc) continue;
      for (const id of citedRequirements(task)) {
        const req = findRequirement(reqDoc, id);
        const reviewed = review?.requirements[id];
        if (review && reviewed !== undefined) {
          if (requirementHash(reqLines, req) !== reviewed) flag('drift/requirement-edited', id, `Requirement ${id}, which task ${task.id} cites, was edited after the drift was reviewed.`);
        } else if (
          last &&
          req &&
          // No line can be newer than the file: untouched since the run means unedited (and no blame is needed).
          (await mtimeOf(spec.requirements.path)) > ended + GRACE_MS &&
          (await editedAfter(timesOf, spec.requirements.path, spec.tasks.path, req.heading.line, req.endLine, task.line, ended))
        ) {
          flag('drift/requirement-edited', id, `Requirement ${id}, which task ${task.id} cites, was edited after the task was done.`);
        }
      }
    }
  }
  return { findings, problems };
}

/**
 * Whether a requirement's lines are newer than the task's run. A line committed after the run in the same commit
 * that holds the task's `[x]` is not counted: that is someone committing spec and work together, not a later edit.
 */
async function editedAfter(
  timesOf: (rel: string) => Promise<(line: number) => LineInfo>,
  reqPath: string,
  tasksPath: string,
  from: number,
  to: number,
  taskLine: number,
  ended: number,
): Promise<boolean> {
  const req = await timesOf(reqPath);
  const taskCommit = (await timesOf(tasksPath))(taskLine).commit;
  for (let line = from; line <= to; line++) {
    const info = req(line);
    if (info.time > ended + GRACE_MS && !(info.commit && info.commit === taskCommit)) return true;
  }
  return false;
}

/**
 * The review entry for one done task: hashes of the files its last run wrote (and those an earlier review
 * covered) and of every requirement it cites, as they are now.
 */
export async function reviewEntry(root: string, userDataDir: string, spec: DriftSpec, taskId: string, now = new Date()): Promise<ReviewedTask> {
  const h = await loadHistory(root, userDataDir);
  const doc = spec.tasks ? parseTasks(spec.tasks.text) : undefined;
  const task = doc?.all.find((t) => t.id === taskId);
  if (!task) throw new Error(`No task ${taskId} in ${spec.tasks?.path ?? spec.dir}`);
  const { last } = taskHistory(h, spec.dir, taskId);
  const old = h.reviewed.get(reviewKey(spec.dir, taskId));
  const files: Record<string, string | null> = {};
  for (const f of new Set([...(last?.filesChanged ?? []), ...Object.keys(old?.files ?? {})])) files[f] = await fileHash(root, f);
  const requirements: Record<string, string | null> = {};
  if (spec.requirements) {
    const reqDoc = parseRequirements(spec.requirements.text);
    const lines = spec.requirements.text.split(/\r\n|\r|\n/);
    for (const id of citedRequirements(task)) requirements[id] = requirementHash(lines, findRequirement(reqDoc, id));
  }
  return { reviewedAt: now.toISOString(), files, requirements };
}

/** Findings as `keel spec check` prints them (warnings on the task's line). */
export function driftDiagnostics(report: DriftReport): FileDiagnostic[] {
  return [...report.problems, ...report.findings.map(({ file, line, column, code, message }) => ({ file, line, column, code, message: `${message} Re-open the task or mark it reviewed.`, severity: 'warning' as const }))];
}
