import { describe, expect, it } from 'vitest';
import { parseRequirements, parseTasks } from '../../../specs-schema';
import { checkSpec } from './specDiagnostics';
import { traceMatrix } from './traceMatrix';

const requirements = [
  '# Requirements Document',
  '',
  '### Requirement 1: Add',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHEN the user adds an item THE app SHALL show it.',
  '2. WHEN the list is full THE app SHALL refuse.',
  '',
  '### Requirement 2: Store',
  '',
  '#### Acceptance Criteria',
  '',
  '1. THE app SHALL keep items.',
  '',
].join('\n');
const tasks = ['# Plan', '', '- [ ] 1. Add items', '  - _Requirements: 1.1, 3.1_', '- [x] 2. Store', '  - _Requirements: 2_', ''].join('\n');

function matrixOf(req: string, t: string) {
  const { byPath, graph } = checkSpec({ requirements: { path: 'r.md', text: req }, tasks: { path: 't.md', text: t } });
  const criterionText = new Map(parseRequirements(req).requirements.flatMap((r) => r.criteria.map((c) => [c.id, c.text] as const)));
  const taskLines = new Map(parseTasks(t).all.map((x) => [x.id ?? `line:${x.line + 1}`, [x.line, ...x.detailLines]] as const));
  return traceMatrix({ graph, criterionText, requirementsDiagnostics: byPath.get('r.md') ?? [], tasksDiagnostics: byPath.get('t.md') ?? [], taskLines });
}

describe('traceMatrix', () => {
  it('marks cited criteria, whole-requirement citations, the uncovered criterion and the dangling ref', () => {
    const m = matrixOf(requirements, tasks);
    expect(m.columns.map((c) => c.id)).toEqual(['1', '2']);
    const row = (id: string) => m.rows.find((r) => r.id === id)!;
    expect(row('1.1').cells).toEqual(['criterion', null]);
    expect(row('1.2').cells).toEqual([null, null]);
    expect(row('1.2').uncovered?.message).toContain('1.2');
    // Task 2 cites requirement 2 as a whole: its criterion is covered through it.
    expect(row('2').cells).toEqual([null, 'requirement']);
    expect(row('2.1').cells).toEqual([null, 'requirement']);
    expect(row('2.1').uncovered).toBeUndefined();
    expect(m.columns[0]?.dangling.map((d) => d.message.includes('3.1'))).toEqual([true]);
    expect([m.uncovered, m.dangling]).toEqual([1, 1]);
    expect(row('1.1').text).toBe('WHEN the user adds an item THE app SHALL show it.');
  });

  it('covering the criterion clears its row', () => {
    const m = matrixOf(requirements, tasks.replace('1.1, 3.1', '1.1, 1.2'));
    expect([m.uncovered, m.dangling]).toEqual([0, 0]);
  });
});
