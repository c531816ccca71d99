/**
 * Checks a phase's document the way the rest of Keel reads it: specs-schema's parsers, EARS lint and traceability
 * (`checkFiles`, what `keel spec check` prints), plus the parts the planner was asked for and a parser would not
 * miss on its own (no requirements at all, a bug analysis without its expected behaviour, tasks citing nothing).
 * Problems are shown to the user in the phase bar; nothing is silently accepted or silently dropped.
 */
import type { SpecPhaseKind, SpecWriterProblem } from '../../../protocol';
import { checkFiles, parseBugfix, parseDesign, parseRequirements, parseTasks, type SourceFile } from '../../../specs-schema';

export interface PhaseDocument {
  kind: SpecPhaseKind;
  path: string;
  text: string;
}

/**
 * Problems of `doc` in the context of its spec folder's other files (`others`: the other documents and
 * `.config.kiro`, as on disk), errors first.
 */
export function validatePhase(doc: PhaseDocument, others: readonly SourceFile[]): SpecWriterProblem[] {
  const problems: SpecWriterProblem[] = [];
  const whole = (severity: SpecWriterProblem['severity'], code: string, message: string) => problems.push({ severity, line: 0, code, message });
  if (doc.text.trim() === '') {
    whole('error', 'specwriter/empty', 'The document is empty.');
    return problems;
  }
  const files = [...others.filter((f) => f.path !== doc.path), { path: doc.path, text: doc.text }];
  const requirementsPath = others.find((f) => /\/(requirements|bugfix)\.md$/.test(f.path))?.path;
  for (const d of checkFiles(files)) {
    // Coverage is reported in requirements.md, but it is the task list that leaves a requirement uncovered.
    const coverage = doc.kind === 'tasks' && d.file === requirementsPath && d.code === 'trace/uncovered-requirement';
    if (d.file === doc.path || coverage) problems.push({ severity: d.severity, line: coverage ? 0 : d.line + 1, code: d.code, message: d.message });
  }
  structure(doc, files, whole);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return problems.sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line);
}

type Report = (severity: SpecWriterProblem['severity'], code: string, message: string) => void;

function structure(doc: PhaseDocument, files: readonly SourceFile[], report: Report): void {
  switch (doc.kind) {
    case 'requirements': {
      const parsed = parseRequirements(doc.text);
      if (parsed.requirements.length === 0) report('error', 'specwriter/no-requirements', 'No requirements found: each one needs a "### Requirement N: Title" heading.');
      for (const r of parsed.requirements) {
        if (!r.story) report('warning', 'specwriter/no-user-story', `Requirement ${r.id} has no user story ("**User Story:** As a …, I want …, so that …").`);
      }
      return;
    }
    case 'bugfix': {
      const parsed = parseBugfix(doc.text);
      const names = { current: 'Current Behavior (Defect)', expected: 'Expected Behavior (Correct)', unchanged: 'Unchanged Behavior (Regression Prevention)' } as const;
      for (const section of ['current', 'expected', 'unchanged'] as const) {
        if (!parsed.requirements.some((r) => r.section === section && r.criteria.length > 0)) {
          report('error', 'specwriter/bugfix-section', `The bug analysis has no "${names[section]}" criteria.`);
        }
      }
      return;
    }
    case 'design': {
      const parsed = parseDesign(doc.text);
      const sections = parsed.headings.filter((h) => h.level === 2);
      if (sections.length === 0) report('error', 'specwriter/no-sections', 'The design has no "## " sections.');
      else if (!sections.some((h) => /overview/i.test(h.text))) report('warning', 'specwriter/no-overview', 'The design has no Overview section.');
      return;
    }
    case 'tasks': {
      const parsed = parseTasks(doc.text);
      if (parsed.all.length === 0) {
        report('error', 'specwriter/no-tasks', 'No tasks found: each one is a "- [ ] N. Title" line.');
        return;
      }
      const hasRequirements = files.some((f) => /\/(requirements|bugfix)\.md$/.test(f.path));
      if (hasRequirements && !parsed.all.some((t) => t.refs.some((r) => r.items.length > 0))) {
        report('error', 'specwriter/no-refs', 'No task cites a requirement: add "_Requirements: 1.1_" lines.');
      }
      return;
    }
  }
}
