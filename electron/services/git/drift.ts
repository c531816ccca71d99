/**
 * Spec drift (issue #9.3): a task that is done according to its last run, whose files changed afterwards outside
 * a task run, or whose cited requirement was edited after the run. Reads the task runner's journal (Keel's user
 * data) and the files on disk; requirement edit times come from `git blame` (uncommitted lines count as "now"),
 * or from requirements.md's modification time outside a repository.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findRequirement, parseRequirements, parseTasks, type FileDiagnostic, type TasksDoc } from '../../../specs-schema';
import { foldRuns, type RunSummary } from '../tasks/run-history';
import { RunJournal } from '../tasks/run-journal';
import { GitRepo } from './git-repo';

/** File-system timestamps are coarse and the runner ticks the box after writing: allow this much. */
const GRACE_MS = 2000;

export interface DriftSpec {
  dir: string;
  tasks?: { path: string; text: string };
  requirements?: { path: string; text: string };
}

export async function findDrift(root: string, userDataDir: string, specs: readonly DriftSpec[]): Promise<FileDiagnostic[]> {
  const { records } = await RunJournal.forWorkspace(userDataDir, root).read();
  const runs = foldRuns(records).runs.filter((r) => r.outcome === 'done' && r.endedAt !== undefined);
  if (runs.length === 0) return [];
  // The last moment any task run wrote each file: a later task changing a file is not drift.
  const lastTaskWrite = new Map<string, number>();
  for (const r of runs) for (const f of r.filesChanged) lastTaskWrite.set(f, Math.max(lastTaskWrite.get(f) ?? 0, Date.parse(r.endedAt as string)));
  const repo = await GitRepo.find(root);
  const out: FileDiagnostic[] = [];
  for (const spec of specs) {
    if (!spec.tasks) continue;
    const doc = parseTasks(spec.tasks.text);
    for (const task of doc.all) {
      if (task.state !== 'done' || !task.id) continue;
      const last = lastRun(runs, spec.dir, task.id);
      if (!last) continue;
      const ended = Date.parse(last.endedAt as string);
      const where = { file: spec.tasks.path, line: task.line, column: task.titleColumn };
      for (const file of last.filesChanged) {
        if ((lastTaskWrite.get(file) ?? 0) > ended) continue;
        const info = await stat(path.join(root, file)).catch(() => undefined);
        if (!info) out.push({ ...where, severity: 'warning', code: 'drift/file-changed', message: `Task ${task.id} is done, but ${file}, which it wrote, was deleted afterwards outside a task.` });
        else if (info.mtimeMs > ended + GRACE_MS) {
          out.push({ ...where, severity: 'warning', code: 'drift/file-changed', message: `Task ${task.id} is done, but ${file}, which it wrote, changed afterwards outside a task. Re-open the task or mark it reviewed.` });
        }
      }
      if (spec.requirements) {
        const edited = await requirementsEditedAfter(root, repo, spec.requirements, doc, task.id, ended);
        for (const id of edited) {
          out.push({ ...where, severity: 'warning', code: 'drift/requirement-edited', message: `Requirement ${id}, which task ${task.id} cites, was edited after the task was done.` });
        }
      }
    }
  }
  return out;
}

function lastRun(runs: readonly RunSummary[], specDir: string, taskId: string): RunSummary | undefined {
  let found: RunSummary | undefined;
  for (const r of runs) if (r.specDir === specDir && r.taskId === taskId && (!found || (r.endedAt as string) > (found.endedAt as string))) found = r;
  return found;
}

/** The requirement ids the task cites whose text changed after `since` (ms). */
async function requirementsEditedAfter(root: string, repo: GitRepo | undefined, req: { path: string; text: string }, doc: TasksDoc, taskId: string, since: number): Promise<string[]> {
  const task = doc.all.find((t) => t.id === taskId);
  if (!task) return [];
  const ids = new Set(task.refs.filter((l) => l.kind === 'requirements').flatMap((l) => l.items.flatMap((i) => i.ids)).map((id) => id.split('.')[0] as string));
  if (ids.size === 0) return [];
  const reqDoc = parseRequirements(req.text);
  const times = await lineTimes(root, repo, req.path);
  const edited: string[] = [];
  for (const id of [...ids].sort()) {
    const r = findRequirement(reqDoc, id);
    if (!r) continue;
    let latest = 0;
    for (let line = r.heading.line; line <= r.endLine; line++) latest = Math.max(latest, times(line));
    if (latest > since + GRACE_MS) edited.push(id);
  }
  return edited;
}

/** Edit time (ms) of each 0-based line: from git blame, else the file's modification time for every line. */
async function lineTimes(root: string, repo: GitRepo | undefined, rel: string): Promise<(line: number) => number> {
  const mtime = (await stat(path.join(root, rel)).catch(() => undefined))?.mtimeMs ?? 0;
  if (!repo) return () => mtime;
  try {
    const out = await repo.git.run(['blame', '--line-porcelain', '--', rel]);
    const times: number[] = [];
    let committed = 0;
    let uncommitted = false;
    for (const l of out.split('\n')) {
      if (/^[0-9a-f]{40} /.test(l)) uncommitted = l.startsWith('0000000000000000000000000000000000000000');
      else if (l.startsWith('committer-time ')) committed = Number(l.slice(15)) * 1000;
      else if (l.startsWith('\t')) times.push(uncommitted ? mtime : committed);
    }
    return (line) => times[line] ?? mtime;
  } catch {
    return () => mtime; // untracked requirements.md: the file's time for every line
  }
}
