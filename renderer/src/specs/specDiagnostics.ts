/**
 * Every problem specs-schema finds in one spec, per file: parse problems, EARS lint of the criteria and the
 * traceability checks across documents (dangling refs, uncovered criteria). The panes show them inline and the
 * raw Markdown view gets them as editor markers.
 */
import { lintEars, parseBugfix, parseDesign, parseRequirements, parseTasks, traceSpec, type Diagnostic, type SpecDocs, type TraceGraph } from '../../../specs-schema';

export interface SpecTexts {
  requirements?: { path: string; text: string };
  design?: { path: string; text: string };
  tasks?: { path: string; text: string };
}

export interface SpecCheck {
  /** Problems per file (0-based positions, as specs-schema reports them). */
  byPath: Map<string, Diagnostic[]>;
  /** Requirements × tasks × design sections, for the traceability matrix. */
  graph: TraceGraph;
}

export function specDiagnostics(texts: SpecTexts): Map<string, Diagnostic[]> {
  return checkSpec(texts).byPath;
}

export function checkSpec(texts: SpecTexts): SpecCheck {
  const out = new Map<string, Diagnostic[]>();
  const add = (path: string, list: readonly Diagnostic[]) => out.set(path, [...(out.get(path) ?? []), ...list]);
  const docs: SpecDocs = {};
  if (texts.requirements) {
    const { path, text } = texts.requirements;
    const doc = path.endsWith('bugfix.md') ? parseBugfix(text) : parseRequirements(text);
    docs.requirements = { path, doc };
    add(path, doc.diagnostics);
    add(path, lintEars(doc).diagnostics);
  }
  if (texts.design) {
    const doc = parseDesign(texts.design.text);
    docs.design = { path: texts.design.path, doc };
    add(texts.design.path, doc.diagnostics);
  }
  if (texts.tasks) {
    const doc = parseTasks(texts.tasks.text);
    docs.tasks = { path: texts.tasks.path, doc };
    add(texts.tasks.path, doc.diagnostics);
  }
  const trace = traceSpec(docs);
  for (const d of trace.diagnostics) {
    const { file, ...rest } = d;
    add(file, [rest]);
  }
  return { byPath: out, graph: trace.graph };
}

/** Diagnostics whose start line lies in [from, to]. */
export const onLines = (list: readonly Diagnostic[] | undefined, from: number, to: number): Diagnostic[] =>
  (list ?? []).filter((d) => d.line >= from && d.line <= to);
