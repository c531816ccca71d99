/**
 * Requirement edits as minimal text changes: title, user story, criterion text; add / remove requirements and
 * criteria with later ones renumbered. Each structural edit also returns the id map (old → new, null = removed)
 * that `renumberTaskRefs` applies to tasks.md so `_Requirements:_` refs stay consistent.
 */
import { diag } from '../diagnostics';
import { applyLineEdits, unchanged, type EditResult, type LineEdit } from '../text/edits';
import { isBlank, joinLines, type SourceLine } from '../text/lines';
import type { Criterion, Requirement, RequirementsDoc } from './parse-requirements';

export interface RequirementEditResult extends EditResult {
  /** Old id → new id (null when removed) for every requirement and criterion whose id changed. */
  idMap: Map<string, string | null>;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

function src(doc: Pick<RequirementsDoc, 'lines'>): string {
  return joinLines(doc.lines);
}

function lineText(doc: Pick<RequirementsDoc, 'lines'>, l: number): string {
  return (doc.lines[l] as SourceLine).text;
}

function withMap(r: EditResult, idMap = new Map<string, string | null>()): RequirementEditResult {
  return { ...r, idMap };
}

export function setRequirementTitle(doc: RequirementsDoc, req: Requirement, title: string): EditResult {
  const text = lineText(doc, req.heading.line);
  const t = oneLine(title);
  const end = text.trimEnd().length;
  const head = req.title ? text.slice(0, req.titleColumn) : `${text.slice(0, end)}: `;
  return applyLineEdits(src(doc), doc.lines, [{ start: req.heading.line, deleteCount: 1, insert: [head + t + (req.title ? text.slice(req.titleColumn + req.title.length) : '')] }]);
}

export function setUserStory(doc: RequirementsDoc, req: Requirement, story: string): EditResult {
  const s = oneLine(story);
  if (req.story) {
    const text = lineText(doc, req.story.line);
    return applyLineEdits(src(doc), doc.lines, [{ start: req.story.line, deleteCount: 1, insert: [text.slice(0, req.story.textColumn) + s] }]);
  }
  return applyLineEdits(src(doc), doc.lines, [{ start: req.heading.line + 1, deleteCount: 0, insert: ['', `**User Story:** ${s}`] }]);
}

/** Also for bugfix.md criteria (any document with the criterion's lines). */
export function setCriterionText(doc: Pick<RequirementsDoc, 'lines'>, criterion: Criterion, text: string): EditResult {
  const first = lineText(doc, criterion.line);
  const edit: LineEdit = { start: criterion.line, deleteCount: criterion.endLine - criterion.line + 1, insert: [first.slice(0, criterion.textColumn) + oneLine(text)] };
  return applyLineEdits(src(doc), doc.lines, [edit]);
}

/** Rewrites a criterion's number on its line (numbered `3.` and cc-sdd `1.3` styles; bullets have none). */
function renumberCriterionLine(doc: RequirementsDoc, c: Criterion, reqId: string, n: number, out: Map<number, string>): void {
  const text = out.get(c.line) ?? lineText(doc, c.line);
  const head = text.slice(c.markerColumn);
  let next: string | undefined;
  if (/^\d+\.\d+/.test(head)) next = head.replace(/^\d+\.\d+/, `${reqId}.${n}`);
  else if (/^\d+[.)]/.test(head)) next = head.replace(/^\d+/, String(n));
  if (next !== undefined) out.set(c.line, text.slice(0, c.markerColumn) + next);
}

export function addCriterion(doc: RequirementsDoc, req: Requirement, text: string, after?: Criterion): RequirementEditResult {
  const list = req.criteria;
  const index = after ? list.indexOf(after) + 1 : list.length;
  const model = after ?? list[list.length - 1];
  const idMap = new Map<string, string | null>();
  const rewrites = new Map<number, string>();
  for (let k = index; k < list.length; k++) {
    const c = list[k] as Criterion;
    renumberCriterionLine(doc, c, req.id, k + 2, rewrites);
    idMap.set(c.id, `${req.id}.${k + 2}`);
  }
  let line: string;
  let at: number;
  if (model) {
    const mt = lineText(doc, model.line);
    const marker = /^\d+\.\d+/.test(model.marker) ? `${req.id}.${index + 1}${model.marker.replace(/^\d+\.\d+/, '')}` : /^\d+/.test(model.marker) ? model.marker.replace(/^\d+/, String(index + 1)) : model.marker;
    line = mt.slice(0, model.markerColumn) + marker + mt.slice(model.markerColumn + model.marker.length, model.textColumn) + oneLine(text);
    at = (after ?? model).endLine + 1;
  } else {
    const base = req.criteriaHeading ? [] : ['', '#### Acceptance Criteria'];
    line = `1. ${oneLine(text)}`;
    at = (req.criteriaHeading?.line ?? req.endLine) + 1;
    const edits: LineEdit[] = [{ start: at, deleteCount: 0, insert: [...base, '', line] }];
    return withMap(applyLineEdits(src(doc), doc.lines, edits), idMap);
  }
  const edits: LineEdit[] = [{ start: at, deleteCount: 0, insert: [line] }];
  for (const [l, t] of rewrites) edits.push({ start: l, deleteCount: 1, insert: [t] });
  return withMap(applyLineEdits(src(doc), doc.lines, edits), idMap);
}

export function removeCriterion(doc: RequirementsDoc, req: Requirement, criterion: Criterion): RequirementEditResult {
  const list = req.criteria;
  const index = list.indexOf(criterion);
  if (index < 0) return withMap(unchanged(src(doc), [diag('error', 'requirements/not-found', 'That criterion is not part of this requirement.', criterion.line, 0)]));
  const idMap = new Map<string, string | null>([[criterion.id, null]]);
  const edits: LineEdit[] = [{ start: criterion.line, deleteCount: criterion.endLine - criterion.line + 1, insert: [] }];
  const rewrites = new Map<number, string>();
  for (let k = index + 1; k < list.length; k++) {
    const c = list[k] as Criterion;
    renumberCriterionLine(doc, c, req.id, k, rewrites);
    idMap.set(c.id, `${req.id}.${k}`);
  }
  for (const [l, t] of rewrites) edits.push({ start: l, deleteCount: 1, insert: [t] });
  return withMap(applyLineEdits(src(doc), doc.lines, edits), idMap);
}

export interface NewRequirement {
  title: string;
  story?: string;
  criteria?: string[];
  /** Insert after this requirement (default: after the last one). */
  after?: Requirement;
}

export function addRequirement(doc: RequirementsDoc, spec: NewRequirement): RequirementEditResult {
  const reqs = doc.requirements;
  const index = spec.after ? reqs.indexOf(spec.after) + 1 : reqs.length;
  const model = spec.after ?? reqs[reqs.length - 1];
  const idMap = new Map<string, string | null>();
  const edits: LineEdit[] = [];
  for (let k = index; k < reqs.length; k++) edits.push(...renumberRequirement(doc, reqs[k] as Requirement, String(k + 2), idMap));
  const n = String(index + 1);
  const hashes = '#'.repeat(model?.heading.level ?? 3);
  const headText = model ? lineText(doc, model.heading.line) : '';
  const prefix = model ? headText.slice(0, model.idColumn) : `${hashes} Requirement `;
  const sep = model ? (model.title ? headText.slice(model.idColumn + model.id.length, model.titleColumn) : ': ') : ': ';
  const acHeading = model?.criteriaHeading ? lineText(doc, model.criteriaHeading.line) : `${hashes}# Acceptance Criteria`;
  const storyPrefix = model?.story ? lineText(doc, model.story.line).slice(0, model.story.textColumn) : '**User Story:** ';
  const block = ['', `${prefix}${n}${sep}${oneLine(spec.title)}`];
  if (spec.story !== undefined) block.push('', storyPrefix + oneLine(spec.story));
  if (spec.criteria?.length) {
    block.push('', acHeading, '');
    spec.criteria.forEach((c, k) => block.push(`${k + 1}. ${oneLine(c)}`));
  }
  const at = model ? model.endLine + 1 : lastContent(doc) + 1;
  edits.push({ start: at, deleteCount: 0, insert: block });
  return withMap(applyLineEdits(src(doc), doc.lines, edits), idMap);
}

export function removeRequirement(doc: RequirementsDoc, req: Requirement): RequirementEditResult {
  const reqs = doc.requirements;
  const index = reqs.indexOf(req);
  if (index < 0) return withMap(unchanged(src(doc)));
  const idMap = new Map<string, string | null>([[req.id, null]]);
  for (const c of req.criteria) idMap.set(c.id, null);
  // The section runs to the next requirement's heading (or its own last line); a blank line before it goes too.
  let start = req.heading.line;
  const end = req.endLine;
  if (start > 0 && isBlank(lineText(doc, start - 1))) start--;
  const edits: LineEdit[] = [{ start, deleteCount: end - start + 1, insert: [] }];
  for (let k = index + 1; k < reqs.length; k++) edits.push(...renumberRequirement(doc, reqs[k] as Requirement, String(k), idMap));
  return withMap(applyLineEdits(src(doc), doc.lines, edits), idMap);
}

/** Line edits giving `req` the id `newId` (heading and `N.M`-numbered criteria); records the change in `idMap`. */
export function renumberRequirement(doc: RequirementsDoc, req: Requirement, newId: string, idMap: Map<string, string | null>): LineEdit[] {
  if (req.id === newId) return [];
  idMap.set(req.id, newId);
  const text = lineText(doc, req.heading.line);
  const edits: LineEdit[] = [{ start: req.heading.line, deleteCount: 1, insert: [text.slice(0, req.idColumn) + newId + text.slice(req.idColumn + req.id.length)] }];
  const rewrites = new Map<number, string>();
  req.criteria.forEach((c, k) => {
    if (/^\d+\.\d+/.test(c.marker)) renumberCriterionLine(doc, c, newId, Number(c.number) || k + 1, rewrites);
  });
  for (const [l, t] of rewrites) edits.push({ start: l, deleteCount: 1, insert: [t] });
  return edits;
}

function lastContent(doc: RequirementsDoc): number {
  for (let i = doc.lines.length - 1; i >= 0; i--) if (!isBlank(lineText(doc, i))) return i;
  return -1;
}
