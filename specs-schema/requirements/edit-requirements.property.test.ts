import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renumberTaskRefs } from '../renumber-refs';
import { parseTasks } from '../tasks/parse-tasks';
import { splitLines } from '../text/lines';
import { addCriterion, addRequirement, removeCriterion, removeRequirement, setCriterionText, setRequirementTitle, type RequirementEditResult } from './edit-requirements';
import { moveRequirement } from './move-requirement';
import { parseRequirements, type RequirementsDoc } from './parse-requirements';

const requirementsDoc = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
    level: fc.constantFrom('##', '###'),
    word: fc.constantFrom('Requirement', '需求'),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ shape, level, word, eol }) => {
    const lines = ['# Requirements Document', '', '## Introduction', '', 'Intro.', ''];
    shape.forEach((n, i) => {
      lines.push(`${level} ${word} ${i + 1}: Feature ${i + 1}`, '', `**User Story:** As a user, I want ${i + 1}.`, '', `${level}# Acceptance Criteria`, '');
      for (let c = 1; c <= n; c++) lines.push(`${c}. WHEN event ${i + 1}.${c} THE system SHALL respond.`);
      lines.push('');
    });
    return lines.join(eol);
  });

/** A tasks.md citing every criterion once, to check renumbered refs still resolve. */
function tasksCiting(doc: RequirementsDoc): string {
  return doc.requirements.flatMap((r, i) => [`- [ ] ${i + 1}. Task`, `  - _Requirements: ${r.criteria.map((c) => c.id).join(', ') || r.id}_`]).join('\n') + '\n';
}

type Op = { kind: 'addReq' | 'removeReq' | 'addCrit' | 'removeCrit' | 'text' | 'title' | 'move'; a: number; b: number };
const op = fc.record({ kind: fc.constantFrom('addReq', 'removeReq', 'addCrit', 'removeCrit', 'text', 'title', 'move'), a: fc.nat(), b: fc.nat() }) as fc.Arbitrary<Op>;

describe('requirement edits (property)', () => {
  it('keep numbering consecutive, refs resolvable and in-line edits on one line', () => {
    fc.assert(
      fc.property(requirementsDoc, fc.array(op, { minLength: 1, maxLength: 8 }), (start, ops) => {
        let text = start;
        let tasks = tasksCiting(parseRequirements(text));
        for (const o of ops) {
          const doc = parseRequirements(text);
          const req = doc.requirements[o.a % Math.max(1, doc.requirements.length)];
          if (!req) break;
          const crit = req.criteria[o.b % Math.max(1, req.criteria.length)];
          let r: RequirementEditResult | { text: string; idMap: Map<string, string | null> };
          if (o.kind === 'addReq') r = addRequirement(doc, { title: 'New', story: 'As a user, I want more.', criteria: ['THE system SHALL work.'], after: req });
          else if (o.kind === 'removeReq') r = doc.requirements.length > 1 ? removeRequirement(doc, req) : { text, idMap: new Map() };
          else if (o.kind === 'addCrit') r = addCriterion(doc, req, 'WHEN new THE system SHALL act.', crit);
          else if (o.kind === 'removeCrit') r = crit && req.criteria.length > 1 ? removeCriterion(doc, req, crit) : { text, idMap: new Map() };
          else if (o.kind === 'text') r = crit ? { ...setCriterionText(doc, crit, 'THE system SHALL differ.'), idMap: new Map() } : { text, idMap: new Map() };
          else if (o.kind === 'move') r = moveRequirement(doc, req, o.b % doc.requirements.length);
          else r = { ...setRequirementTitle(doc, req, `Renamed ${o.b}`), idMap: new Map() };
          const after = parseRequirements(r.text);
          expect(after.lines.map((l) => l.text + l.eol).join('')).toBe(r.text);
          expect(after.requirements.map((x) => x.id)).toEqual(after.requirements.map((_, k) => String(k + 1)));
          for (const x of after.requirements) expect(x.criteria.map((c) => c.number)).toEqual(x.criteria.map((_, k) => String(k + 1)));
          if (o.kind === 'text' || o.kind === 'title') {
            const before = splitLines(text);
            const changed = splitLines(r.text).flatMap((l, i) => (l.text !== before[i]?.text ? [i] : []));
            expect(changed).toEqual(r.text === text ? [] : [o.kind === 'title' ? req.heading.line : (crit?.line ?? -1)]);
          }
          tasks = renumberTaskRefs(parseTasks(tasks), r.idMap).text;
          const known = new Set(after.requirements.flatMap((x) => [x.id, ...x.criteria.map((c) => c.id)]));
          const cited = parseTasks(tasks).all.flatMap((t) => t.refs.flatMap((l) => l.items.flatMap((i) => i.ids)));
          expect(cited.filter((id) => !known.has(id))).toEqual([]);
          text = r.text;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('moving a requirement keeps every task ref pointing at the same criterion text', () => {
    fc.assert(
      fc.property(requirementsDoc, fc.nat(), fc.nat(), (start, a, b) => {
        const doc = parseRequirements(start);
        const req = doc.requirements[a % doc.requirements.length] as RequirementsDoc['requirements'][number];
        const criterionText = (d: RequirementsDoc) => new Map(d.requirements.flatMap((x) => x.criteria.map((c) => [c.id, c.text] as const)));
        const tasks = tasksCiting(doc);
        const r = moveRequirement(doc, req, b % doc.requirements.length);
        const moved = renumberTaskRefs(parseTasks(tasks), r.idMap).text;
        const cites = (t: string) => parseTasks(t).all.map((x) => x.refs.flatMap((l) => l.items.flatMap((i) => i.ids)));
        const before = criterionText(doc);
        const after = criterionText(parseRequirements(r.text));
        const [oldCites, newCites] = [cites(tasks), cites(moved)];
        oldCites.forEach((ids, k) => expect(ids.map((id) => before.get(id))).toEqual(newCites[k]?.map((id) => after.get(id))));
      }),
      { numRuns: 200 },
    );
  });
});
