/**
 * bugfix.md edits: the bug analysis has three lists — Current Behavior (1.x), Expected Behavior (2.x) and Unchanged
 * Behavior (3.x) — each a run of `N.M WHEN … THEN …` lines. Criteria are added at the end of their section in the
 * style of their neighbours (blank-line separated or not) and removals renumber the rest of the section, returning
 * the id map that keeps tasks.md's `_Requirements: 2.1_` refs true.
 */
import { diag } from '../diagnostics';
import { applyLineEdits, unchanged, type LineEdit } from '../text/edits';
import { isBlank, joinLines, type SourceLine } from '../text/lines';
import type { Heading } from '../text/markdown-scan';
import type { RequirementEditResult } from './edit-requirements';
import { sectionKind, type BugfixDoc, type BugfixSectionKind } from './parse-bugfix';
import type { Criterion } from './parse-requirements';

export type BugfixBehaviour = Exclude<BugfixSectionKind, 'other'>;

export interface BugfixSection {
  kind: BugfixBehaviour;
  /** The major number its criteria use (1, 2, 3 in Kiro's template). */
  major: string;
  heading?: Heading;
  criteria: Criterion[];
}

const MAJOR: Record<BugfixBehaviour, string> = { current: '1', expected: '2', unchanged: '3' };
const TITLE: Record<BugfixBehaviour, string> = { current: 'Current Behavior (Defect)', expected: 'Expected Behavior (Correct)', unchanged: 'Unchanged Behavior (Regression Prevention)' };

/** The three behaviour sections, found by their criteria or, when a section has none yet, by its heading. */
export function bugfixSections(doc: BugfixDoc): BugfixSection[] {
  return (['current', 'expected', 'unchanged'] as const).map((kind) => {
    const req = doc.requirements.find((r) => r.section === kind);
    if (req) return { kind, major: req.id, ...(req.heading.level > 0 ? { heading: req.heading } : {}), criteria: req.criteria };
    const heading = doc.headings.find((h) => h.level > 1 && sectionKind(h.text) === kind);
    return { kind, major: MAJOR[kind], ...(heading ? { heading } : {}), criteria: [] };
  });
}

const withMap = (r: ReturnType<typeof unchanged>, idMap = new Map<string, string | null>()): RequirementEditResult => ({ ...r, idMap });

/** Appends a criterion to a behaviour section (creating the section heading at the end when there is none). */
export function addBugfixCriterion(doc: BugfixDoc, kind: BugfixBehaviour, text: string): RequirementEditResult {
  const source = joinLines(doc.lines);
  const body = text.replace(/[\r\n]+/g, ' ').trim();
  if (!body) return withMap(unchanged(source, [diag('error', 'bugfix/empty', 'A criterion needs some text.', 0, 0)]));
  const section = bugfixSections(doc).find((s) => s.kind === kind) as BugfixSection;
  const last = section.criteria[section.criteria.length - 1];
  const id = `${section.major}.${section.criteria.length + 1}`;
  if (last) {
    const lastText = (doc.lines[last.line] as SourceLine).text;
    const line = lastText.slice(0, last.markerColumn) + id + last.marker.slice(last.marker.indexOf('.') + 1 + last.number.length) + lastText.slice(last.markerColumn + last.marker.length, last.textColumn) + body;
    // Blank lines between criteria (Kiro's template) or a tight list: follow what the section does.
    const prev = section.criteria[section.criteria.length - 2];
    const spaced = prev ? prev.endLine + 1 < last.line : isBlank((doc.lines[last.line - 1] as SourceLine | undefined)?.text ?? '');
    return withMap(applyLineEdits(source, doc.lines, [{ start: last.endLine + 1, deleteCount: 0, insert: spaced ? ['', line] : [line] }]));
  }
  if (section.heading) {
    return withMap(applyLineEdits(source, doc.lines, [{ start: section.heading.line + 1, deleteCount: 0, insert: ['', `${id} ${body}`] }]));
  }
  let end = doc.lines.length;
  while (end > 0 && isBlank((doc.lines[end - 1] as SourceLine).text)) end--;
  const edits: LineEdit[] = [{ start: end, deleteCount: 0, insert: ['', `### ${TITLE[kind]}`, '', `${id} ${body}`] }];
  return withMap(applyLineEdits(source, doc.lines, edits));
}

/** Removes a criterion; the later ones in its section move up a number (refs follow through the id map). */
export function removeBugfixCriterion(doc: BugfixDoc, criterion: Criterion): RequirementEditResult {
  const source = joinLines(doc.lines);
  const req = doc.requirements.find((r) => r.criteria.includes(criterion));
  if (!req) return withMap(unchanged(source, [diag('error', 'bugfix/not-found', 'That criterion is not part of this document.', criterion.line, 0)]));
  const idMap = new Map<string, string | null>([[criterion.id, null]]);
  const start = criterion.line;
  let count = criterion.endLine - criterion.line + 1;
  // Between two blank lines (Kiro's spaced list), one of them goes too, so the list stays evenly spaced.
  const before = doc.lines[start - 1];
  const after = doc.lines[criterion.endLine + 1];
  if (before && isBlank(before.text) && after && isBlank(after.text)) count++;
  const edits: LineEdit[] = [{ start, deleteCount: count, insert: [] }];
  const index = req.criteria.indexOf(criterion);
  for (let k = index + 1; k < req.criteria.length; k++) {
    const c = req.criteria[k] as Criterion;
    const newId = `${req.id}.${k}`;
    const text = (doc.lines[c.line] as SourceLine).text;
    const at = c.markerColumn + req.id.length + 1;
    edits.push({ start: c.line, deleteCount: 1, insert: [text.slice(0, at) + String(k) + text.slice(at + c.number.length)] });
    idMap.set(c.id, newId);
  }
  return withMap(applyLineEdits(source, doc.lines, edits), idMap);
}
