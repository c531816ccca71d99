/**
 * Spec drift as the main process computes it (`git/drift`, kept current by `git/driftChanged`): the Specs view,
 * the Tasks tree, the traceability matrix and the Problems panel all read this one store. Zod- and
 * specs-schema-free, so it can start with the workbench.
 */
import { create } from 'zustand';
import type { Client, DriftFinding, DriftState } from '../../../protocol';
import { useProblems, type Problem } from '../problems/problemsStore';
import { notifyError } from '../state/notifications';

export const DRIFT_PROBLEMS_SOURCE = 'drift';
const REVIEWED_FILE = '.kiro/keel/drift-reviewed.json';

interface DriftStore {
  findings: DriftFinding[];
  reviewedProblem?: string;
  loaded: boolean;
  /** Tasks whose "Mark reviewed" is in flight (`specDir#taskId`), so the button cannot be pressed twice. */
  reviewing: ReadonlySet<string>;
}

export const useDrift = create<DriftStore>()(() => ({ findings: [], loaded: false, reviewing: new Set<string>() }));

export const driftKey = (specDir: string, taskId: string): string => `${specDir}#${taskId}`;

/** The findings of one task (stable empty array when none, so selectors do not re-render). */
const NONE: DriftFinding[] = [];
export function taskDrift(findings: readonly DriftFinding[], specDir: string, taskId: string | undefined): DriftFinding[] {
  if (!taskId) return NONE;
  const mine = findings.filter((f) => f.specDir === specDir && f.taskId === taskId);
  return mine.length ? mine : NONE;
}

/** One line per reason, for a tooltip. */
export function driftReasons(findings: readonly DriftFinding[]): string {
  return findings.map((f) => f.message).join('\n');
}

/** Short label for a task's drift: what changed. */
export function driftSummary(findings: readonly DriftFinding[]): string {
  const files = findings.filter((f) => f.code === 'drift/file-changed').map((f) => f.subject);
  const reqs = findings.filter((f) => f.code === 'drift/requirement-edited').map((f) => f.subject);
  const parts: string[] = [];
  if (files.length) parts.push(`${files.length === 1 ? files[0] : `${files.length} files it wrote`} changed outside a task`);
  if (reqs.length) parts.push(`${reqs.length === 1 ? 'requirement' : 'requirements'} ${reqs.join(', ')} edited`);
  return `${parts.join(' and ')} since it was done`;
}

/** The Problems panel's entries: one warning per finding on tasks.md, and the review file's own problem. */
export function driftProblems(state: Pick<DriftState, 'findings' | 'reviewedProblem'>): Map<string, Problem[]> {
  const byPath = new Map<string, Problem[]>();
  for (const f of state.findings) {
    const list = byPath.get(f.file) ?? [];
    list.push({ severity: 'warning', message: `${f.message} Re-open the task or mark it reviewed.`, line: f.line + 1, column: f.column + 1, code: f.code });
    byPath.set(f.file, list);
  }
  if (state.reviewedProblem) byPath.set(REVIEWED_FILE, [{ severity: 'warning', message: state.reviewedProblem, line: 1, column: 1, code: 'drift/reviewed-unreadable' }]);
  return byPath;
}

let reported = new Set<string>();

function apply(state: DriftState): void {
  useDrift.setState({ findings: state.findings, loaded: true, ...(state.reviewedProblem ? { reviewedProblem: state.reviewedProblem } : { reviewedProblem: undefined }) });
  const problems = driftProblems(state);
  const { setProblems } = useProblems.getState();
  for (const path of reported) if (!problems.has(path)) setProblems(DRIFT_PROBLEMS_SOURCE, path, []);
  for (const [path, items] of problems) setProblems(DRIFT_PROBLEMS_SOURCE, path, items);
  reported = new Set(problems.keys());
}

let client: Client | null = null;

/** Loads drift once and follows the main process's updates. Safe to call repeatedly. */
export function startDrift(c: Client): void {
  if (client) return;
  client = c;
  c.on('git/driftChanged', apply);
  void c.request('git/drift', {}).then(apply, (err: unknown) => {
    useDrift.setState({ loaded: true });
    console.warn('Keel: drift could not be computed:', err);
  });
}

/** "Mark reviewed": stored in the repository (`.kiro/keel/drift-reviewed.json`) by the main process. */
export async function markDriftReviewed(specDir: string, taskId: string): Promise<void> {
  if (!client) return;
  const key = driftKey(specDir, taskId);
  useDrift.setState((s) => ({ reviewing: new Set([...s.reviewing, key]) }));
  try {
    apply(await client.request('git/reviewDrift', { specDir, taskId }));
  } catch (err) {
    notifyError(`Could not mark task ${taskId} reviewed`, err);
  } finally {
    useDrift.setState((s) => ({ reviewing: new Set([...s.reviewing].filter((k) => k !== key)) }));
  }
}
