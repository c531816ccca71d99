/**
 * Reordering requirements. Numbers stay with positions and the sections move: moving Requirement 3 to the top makes
 * it Requirement 1 and the old 1 and 2 become 2 and 3. The id map (old → new) lets `renumberTaskRefs` and
 * `renumberDesignRefs` carry `_Requirements:_` references along, so every reference keeps pointing at the same text.
 */
import { diag } from '../diagnostics';
import { applyLineEdits, regionLineEdits, unchanged, type LineEdit } from '../text/edits';
import { joinLines, type SourceLine } from '../text/lines';
import { renumberRequirement, type RequirementEditResult } from './edit-requirements';
import type { Requirement, RequirementsDoc } from './parse-requirements';

/**
 * Moves `req` one place up or down, or to position `to` (0-based index among the requirements). The lines between
 * requirement sections (blank lines, or a heading that groups them) stay where they are.
 */
export function moveRequirement(doc: RequirementsDoc, req: Requirement, to: 'up' | 'down' | number): RequirementEditResult {
  const source = joinLines(doc.lines);
  const reqs = doc.requirements;
  const from = reqs.indexOf(req);
  const target = to === 'up' ? from - 1 : to === 'down' ? from + 1 : to;
  if (from < 0) return { ...unchanged(source, [diag('error', 'requirements/not-found', 'That requirement is not part of this document.', req.heading.line, 0)]), idMap: new Map() };
  if (!Number.isInteger(target) || target < 0 || target >= reqs.length || target === from) return { ...unchanged(source), idMap: new Map() };
  const lo = Math.min(from, target);
  const hi = Math.max(from, target);
  const order = reqs.slice(lo, hi + 1);
  const moved = order.splice(from - lo, 1)[0] as Requirement;
  order.splice(target - lo, 0, moved);
  // The new text of each line, after giving each requirement the id of the position it lands on.
  const idMap = new Map<string, string | null>();
  const rewrites = new Map<number, string>();
  order.forEach((r, k) => {
    const id = (reqs[lo + k] as Requirement).id;
    for (const e of renumberRequirement(doc, r, id, idMap)) rewrites.set(e.start, e.insert[0] as string);
  });
  const textOf = (l: number) => rewrites.get(l) ?? (doc.lines[l] as SourceLine).text;
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => textOf(a + k));
  const newTexts: string[] = [];
  for (let k = lo; k <= hi; k++) {
    const r = order[k - lo] as Requirement;
    newTexts.push(...range(r.heading.line, r.endLine));
    const here = reqs[k] as Requirement;
    const next = reqs[k + 1];
    if (k < hi && next) newTexts.push(...range(here.endLine + 1, next.heading.line - 1));
  }
  const first = reqs[lo] as Requirement;
  const last = reqs[hi] as Requirement;
  const edits: LineEdit[] = regionLineEdits(doc.lines, first.heading.line, last.endLine - first.heading.line + 1, newTexts);
  return { ...applyLineEdits(source, doc.lines, edits), idMap };
}
