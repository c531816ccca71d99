/**
 * Traceability across one spec: requirement / criterion ↔ tasks (from `_Requirements:_` refs) ↔ design sections
 * (from `Validates:` / `_Requirements:_` refs in design.md). Besides the graph it reports dangling references,
 * requirements and criteria no task covers, tasks that cite nothing, done parents with open sub-tasks and gaps in
 * numbering — each as a diagnostic in the file where the user would fix it.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { DesignDoc } from '../design/parse-design';
import type { RefList } from '../refs';
import type { BugfixDoc } from '../requirements/parse-bugfix';
import type { RequirementsDoc } from '../requirements/parse-requirements';
import type { Task, TasksDoc } from '../tasks/parse-tasks';

export interface SpecDocs {
  requirements?: { path: string; doc: RequirementsDoc | BugfixDoc };
  design?: { path: string; doc: DesignDoc };
  tasks?: { path: string; doc: TasksDoc };
}

export interface FileDiagnostic extends Diagnostic {
  file: string;
}

export interface TraceCriterion {
  id: string;
  line: number;
  /** Keys of the tasks citing it (task id, or `line:N` for tasks without an id). */
  tasks: string[];
  /** Titles of design sections citing it. */
  design: string[];
}

export interface TraceRequirement {
  id: string;
  title: string;
  line: number;
  tasks: string[];
  design: string[];
  criteria: TraceCriterion[];
}

export interface TraceTask {
  key: string;
  id?: string;
  title: string;
  line: number;
  /** Resolved requirement / criterion ids it cites. */
  refs: string[];
}

export interface TraceGraph {
  requirements: TraceRequirement[];
  tasks: TraceTask[];
  design: { title: string; line: number; refs: string[] }[];
}

export interface TraceResult {
  graph: TraceGraph;
  diagnostics: FileDiagnostic[];
}

const taskKey = (t: Task) => t.id ?? `line:${t.line + 1}`;

export function traceSpec(spec: SpecDocs): TraceResult {
  const diagnostics: FileDiagnostic[] = [];
  const push = (file: string, d: Diagnostic) => diagnostics.push({ ...d, file });
  const reqs: TraceRequirement[] = (spec.requirements?.doc.requirements ?? []).map((r) => ({
    id: r.id,
    title: r.title,
    line: r.heading.line,
    tasks: [],
    design: [],
    criteria: r.criteria.map((c) => ({ id: c.id, line: c.line, tasks: [], design: [] })),
  }));
  const reqById = new Map(reqs.map((r) => [r.id, r]));
  const critById = new Map(reqs.flatMap((r) => r.criteria.map((c) => [c.id, c] as const)));
  const hasRequirements = spec.requirements !== undefined;

  /** Resolves each ref item; reports the ones that point nowhere. Returns the ids that resolved. */
  const resolve = (file: string, lists: readonly RefList[], cite: (id: string) => void): string[] => {
    const out: string[] = [];
    for (const list of lists) {
      for (const item of list.items) {
        for (const id of item.ids) {
          const target = critById.get(id) ?? reqById.get(id);
          if (target) {
            cite(id);
            out.push(id);
          } else if (hasRequirements) {
            push(file, diag('error', 'trace/dangling-ref', `"${item.raw}" cites ${id.includes('.') ? 'criterion' : 'requirement'} ${id}, which ${spec.requirements?.path ?? 'the requirements'} does not define.`, list.line, item.column, { column: item.endColumn }));
          }
        }
      }
    }
    return out;
  };
  const citeBy = (kind: 'tasks' | 'design', key: string) => (id: string) => {
    const c = critById.get(id);
    if (c) c[kind].push(key);
    else reqById.get(id)?.[kind].push(key);
  };

  const tasks: TraceTask[] = [];
  if (spec.tasks) {
    const { path, doc } = spec.tasks;
    for (const t of doc.all) {
      const entry: TraceTask = { key: taskKey(t), title: t.title, line: t.line, refs: resolve(path, t.refs, citeBy('tasks', taskKey(t))) };
      if (t.id !== undefined) entry.id = t.id;
      tasks.push(entry);
    }
    taskDiagnostics(doc, hasRequirements, (d) => push(path, d));
  }
  const design: TraceGraph['design'] = [];
  if (spec.design) {
    const { path, doc } = spec.design;
    for (const s of doc.sections) {
      if (!s.refs.length) continue;
      design.push({ title: s.heading.text, line: s.heading.line, refs: resolve(path, s.refs, citeBy('design', s.heading.text)) });
    }
  }
  if (spec.requirements) {
    const { path, doc } = spec.requirements;
    if (spec.tasks) coverageDiagnostics(reqs, doc, (d) => push(path, d));
    numberingDiagnostics(doc, (d) => push(path, d));
  }
  return { graph: { requirements: reqs, tasks, design }, diagnostics };
}

function coverageDiagnostics(reqs: readonly TraceRequirement[], doc: RequirementsDoc | BugfixDoc, push: (d: Diagnostic) => void): void {
  reqs.forEach((r, k) => {
    const source = doc.requirements[k];
    if (!source || ('section' in source && source.section === 'current')) return; // a bug's current behaviour is not built
    const covered = r.tasks.length > 0 || r.criteria.some((c) => c.tasks.length > 0);
    if (!covered) {
      push(diag('warning', 'trace/uncovered-requirement', `No task cites requirement ${r.id}${r.title ? ` (${r.title})` : ''}.`, r.line, source.heading.textColumn, { column: source.heading.textColumn + source.heading.text.length }));
      return;
    }
    if (r.tasks.length > 0) return; // citing the whole requirement covers its criteria
    for (const c of r.criteria) {
      if (!c.tasks.length) push(diag('info', 'trace/uncovered-criterion', `No task cites criterion ${c.id}.`, c.line, 0));
    }
  });
}

function taskDiagnostics(doc: TasksDoc, hasRequirements: boolean, push: (d: Diagnostic) => void): void {
  const citing = (t: Task): boolean => t.refs.some((r) => r.items.length > 0) || t.children.some(citing);
  const anyRefs = doc.all.some((t) => t.refs.length > 0);
  if (hasRequirements && anyRefs) {
    for (const t of doc.all) {
      if (!citing(t) && !doc.all.some((p) => p.children.includes(t) && p.refs.length > 0)) {
        push(diag('warning', 'trace/task-without-refs', `Task ${t.id ?? ''} "${t.title}" cites no requirement.`.replace('  ', ' '), t.line, t.titleColumn, { column: (doc.lines[t.line]?.text.length ?? t.titleColumn) }));
      }
    }
  }
  // Sub-tasks are children by indentation, or — in files that write `- [ ] 1.2` at the parent's indent — by id.
  const byId = new Map(doc.all.filter((t) => t.id !== undefined).map((t) => [t.id as string, t]));
  const logicalChildren = new Map<Task, Task[]>();
  for (const t of doc.all) {
    const dot = t.id?.lastIndexOf('.') ?? -1;
    const parent = dot > 0 ? byId.get((t.id as string).slice(0, dot)) : undefined;
    if (parent && !parent.children.includes(t)) logicalChildren.set(parent, [...(logicalChildren.get(parent) ?? []), t]);
  }
  for (const t of doc.all) {
    if (t.state !== 'done') continue;
    const open = [...t.children, ...(logicalChildren.get(t) ?? [])].filter((c) => (c.state === 'open' || c.state === 'inProgress') && !c.optional);
    if (open.length) {
      push(diag('warning', 'trace/done-parent-open-children', `Task ${t.id ?? ''} is done but ${open.length} sub-task(s) are not: ${open.map((c) => c.id ?? c.title).join(', ')}.`.replace('  ', ' '), t.line, t.stateColumn - 1, { column: t.stateColumn + 2 }));
    }
  }
  const checkSiblings = (siblings: readonly Task[], parentId: string | undefined) => {
    const seen = new Map<string, Task>();
    let expected = 1;
    for (const s of siblings) {
      if (s.id === undefined) continue;
      const prev = seen.get(s.id);
      if (prev) push(diag('error', 'tasks/duplicate-id', `Task id ${s.id} is used twice (also on line ${prev.line + 1}).`, s.line, s.idColumn ?? 0, { column: (s.idColumn ?? 0) + s.id.length }));
      seen.set(s.id, s);
      const prefix = parentId === undefined ? '' : `${parentId}.`;
      const n = s.id.startsWith(prefix) ? Number(s.id.slice(prefix.length)) : NaN;
      if (Number.isInteger(n)) {
        if (n > expected) push(diag('warning', 'trace/numbering-gap', `Task numbering skips ${skipped(prefix, expected, n)} (found ${s.id}).`, s.line, s.idColumn ?? 0, { column: (s.idColumn ?? 0) + s.id.length }));
        expected = n + 1;
      }
    }
    for (const s of siblings) checkSiblings(s.children, s.id);
  };
  checkSiblings(doc.tasks, undefined);
}

function numberingDiagnostics(doc: RequirementsDoc | BugfixDoc, push: (d: Diagnostic) => void): void {
  let expected = 1;
  for (const r of doc.requirements) {
    const n = Number(r.id);
    if (!Number.isInteger(n)) continue;
    if (n > expected && doc.kind === 'requirements') {
      push(diag('warning', 'trace/numbering-gap', `Requirement numbering skips ${skipped('', expected, n)} (found ${n}).`, r.heading.line, Math.max(0, r.idColumn), { column: Math.max(0, r.idColumn) + r.id.length }));
    }
    expected = Math.max(expected, n + 1);
    let e = 1;
    for (const c of r.criteria) {
      const m = Number(c.number);
      if (Number.isInteger(m) && m > e) push(diag('warning', 'trace/numbering-gap', `Criterion numbering skips ${skipped(`${r.id}.`, e, m)} (found ${c.id}).`, c.line, c.markerColumn, { column: c.markerColumn + c.marker.length }));
      if (Number.isInteger(m)) e = Math.max(e, m + 1);
    }
  }
}

function skipped(prefix: string, from: number, found: number): string {
  return found - 1 > from ? `${prefix}${from}–${prefix}${found - 1}` : `${prefix}${from}`;
}
