/**
 * `checkFiles`: every diagnostic Keel has for a set of Kiro files — parse problems, EARS lint on requirements and
 * bugfix documents, and traceability within each spec folder. This is what `keel spec check` prints and what the
 * Problems pane shows.
 */
import { discover } from './discovery/discover';
import { lintEars } from './ears/ears-lint';
import type { DesignDoc } from './design/parse-design';
import { parseFile, type KiroDoc } from './parse-file';
import type { BugfixDoc } from './requirements/parse-bugfix';
import type { RequirementsDoc } from './requirements/parse-requirements';
import type { TasksDoc } from './tasks/parse-tasks';
import { traceSpec, type FileDiagnostic, type SpecDocs } from './trace/traceability';

export interface SourceFile {
  /** Workspace-relative, `/`-separated. */
  path: string;
  text: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function checkFiles(files: readonly SourceFile[]): FileDiagnostic[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const docs = new Map<string, KiroDoc>();
  const out: FileDiagnostic[] = [];
  for (const f of files) {
    const doc = parseFile(f.path, f.text);
    docs.set(f.path, doc);
    for (const d of doc.diagnostics) out.push({ ...d, file: f.path });
    if (doc.kind === 'requirements' || doc.kind === 'bugfix') for (const d of lintEars(doc).diagnostics) out.push({ ...d, file: f.path });
  }
  const found = discover({ workspaceFiles: files.map((f) => f.path), readText: (p) => byPath.get(p)?.text });
  for (const spec of found.specs) {
    const docs4: SpecDocs = {};
    const reqPath = spec.files.requirements ?? spec.files.bugfix;
    if (reqPath) docs4.requirements = { path: reqPath, doc: docs.get(reqPath) as RequirementsDoc | BugfixDoc };
    if (spec.files.design) docs4.design = { path: spec.files.design, doc: docs.get(spec.files.design) as DesignDoc };
    if (spec.files.tasks) docs4.tasks = { path: spec.files.tasks, doc: docs.get(spec.files.tasks) as TasksDoc };
    out.push(...traceSpec(docs4).diagnostics);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]));
}
