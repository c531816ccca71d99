import { create } from 'zustand';

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** One diagnostic as the Problems panel lists it. Positions are 1-based, as the editor shows them. */
export interface Problem {
  severity: ProblemSeverity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A short rule id (e.g. `trace/uncovered-criterion`), shown dimmed after the message. */
  code?: string;
}

export interface ProblemsState {
  /** source (e.g. `specs`) → workspace-relative path → its problems. */
  bySource: Record<string, Record<string, readonly Problem[]>>;
  /** Replaces what `source` reports for `path`; an empty list removes the file. */
  setProblems(source: string, path: string, items: readonly Problem[]): void;
  /** Forgets everything `source` reported (e.g. when a folder closes). */
  clearSource(source: string): void;
}

/**
 * Diagnostics from every feature that finds them (spec checks today; others may feed it later), each source owning
 * its own entries so one source's update never drops another's.
 */
export const useProblems = create<ProblemsState>()((set, get) => ({
  bySource: {},
  setProblems(source, path, items) {
    const current = get().bySource[source] ?? {};
    if (items.length === 0 && !(path in current)) return;
    if (current[path] && sameProblems(current[path], items)) return;
    const next = { ...current };
    if (items.length === 0) delete next[path];
    else next[path] = items;
    set({ bySource: { ...get().bySource, [source]: next } });
  },
  clearSource(source) {
    if (!get().bySource[source]) return;
    const next = { ...get().bySource };
    delete next[source];
    set({ bySource: next });
  },
}));

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i] as Problem;
    return p.severity === q.severity && p.message === q.message && p.line === q.line && p.column === q.column && p.code === q.code;
  });
}

export interface FileProblems {
  path: string;
  problems: (Problem & { source: string })[];
}

const RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2 };

/** All problems grouped by file (files sorted by path), each file's list by position, then severity. */
export function groupByFile(bySource: ProblemsState['bySource']): FileProblems[] {
  const files = new Map<string, (Problem & { source: string })[]>();
  for (const [source, paths] of Object.entries(bySource)) {
    for (const [path, items] of Object.entries(paths)) {
      const list = files.get(path) ?? [];
      for (const p of items) list.push({ ...p, source });
      files.set(path, list);
    }
  }
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, problems]) => ({ path, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column || RANK[a.severity] - RANK[b.severity]) }));
}

export function countProblems(bySource: ProblemsState['bySource']): Record<ProblemSeverity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const paths of Object.values(bySource)) for (const items of Object.values(paths)) for (const p of items) counts[p.severity]++;
  return counts;
}
