/**
 * The traceability matrix as data: a row per requirement and per criterion, a column per task, a mark where a task
 * cites the criterion (or its whole requirement). "Uncovered" and "dangling" come from the same diagnostics the
 * Problems panel and the editor markers show, so the three views never disagree.
 */
import type { Diagnostic, TraceGraph } from '../../../specs-schema';

export type Cell = 'criterion' | 'requirement' | null;

export interface MatrixRow {
  kind: 'requirement' | 'criterion';
  id: string;
  text: string;
  /** 0-based line in the requirements document. */
  line: number;
  /** A diagnostic says no task covers it. */
  uncovered?: Diagnostic;
  cells: Cell[];
}

export interface MatrixColumn {
  key: string;
  id?: string;
  title: string;
  line: number;
  /** References of this task that point nowhere (message of each). */
  dangling: Diagnostic[];
}

export interface Matrix {
  rows: MatrixRow[];
  columns: MatrixColumn[];
  uncovered: number;
  dangling: number;
}

export interface MatrixInput {
  graph: TraceGraph;
  /** Criterion texts by id (the graph has ids and lines only). */
  criterionText: ReadonlyMap<string, string>;
  requirementsDiagnostics: readonly Diagnostic[];
  tasksDiagnostics: readonly Diagnostic[];
  /** Lines of each task's own text (checkbox line and details), by task key, to place dangling refs. */
  taskLines: ReadonlyMap<string, readonly number[]>;
}

const UNCOVERED = new Set(['trace/uncovered-requirement', 'trace/uncovered-criterion']);

export function traceMatrix({ graph, criterionText, requirementsDiagnostics, tasksDiagnostics, taskLines }: MatrixInput): Matrix {
  const uncoveredAt = new Map(requirementsDiagnostics.filter((d) => UNCOVERED.has(d.code)).map((d) => [d.line, d]));
  const columns: MatrixColumn[] = graph.tasks.map((t) => {
    const lines = new Set(taskLines.get(t.key) ?? [t.line]);
    const col: MatrixColumn = { key: t.key, title: t.title, line: t.line, dangling: tasksDiagnostics.filter((d) => d.code === 'trace/dangling-ref' && lines.has(d.line)) };
    if (t.id !== undefined) col.id = t.id;
    return col;
  });
  const rows: MatrixRow[] = [];
  for (const r of graph.requirements) {
    const whole = new Set(r.tasks);
    const req: MatrixRow = { kind: 'requirement', id: r.id, text: r.title, line: r.line, cells: columns.map((c) => (whole.has(c.key) ? 'requirement' : null)) };
    const u = uncoveredAt.get(r.line);
    if (u) req.uncovered = u;
    rows.push(req);
    for (const c of r.criteria) {
      const direct = new Set(c.tasks);
      const row: MatrixRow = { kind: 'criterion', id: c.id, text: criterionText.get(c.id) ?? '', line: c.line, cells: columns.map((col) => (direct.has(col.key) ? 'criterion' : whole.has(col.key) ? 'requirement' : null)) };
      const cu = uncoveredAt.get(c.line);
      if (cu) row.uncovered = cu;
      rows.push(row);
    }
  }
  return {
    rows,
    columns,
    uncovered: rows.filter((r) => r.uncovered).length,
    dangling: columns.reduce((n, c) => n + c.dangling.length, 0),
  };
}
