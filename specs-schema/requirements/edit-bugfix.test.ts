import { describe, expect, it } from 'vitest';
import { renumberTaskRefs } from '../renumber-refs';
import { parseTasks } from '../tasks/parse-tasks';
import { addBugfixCriterion, bugfixSections, removeBugfixCriterion } from './edit-bugfix';
import { setCriterionText } from './edit-requirements';
import { parseBugfix } from './parse-bugfix';

const md = [
  '# Bugfix Requirements Document',
  '',
  '## Introduction',
  '',
  'Saving crashes.',
  '',
  '## Bug Analysis',
  '',
  '### Current Behavior (Defect)',
  '',
  '1.1 WHEN the user saves THEN the system crashes',
  '',
  '1.2 WHEN the disk is full THEN the system hangs',
  '',
  '### Expected Behavior (Correct)',
  '',
  '2.1 WHEN the user saves THEN the system SHALL write the file',
  '',
  '### Unchanged Behavior (Regression Prevention)',
  '',
].join('\n');

describe('bugfix edits', () => {
  it('lists the three behaviours, also a section with no criteria yet', () => {
    const s = bugfixSections(parseBugfix(md));
    expect(s.map((x) => `${x.kind}:${x.major}:${x.criteria.length}:${x.heading?.text}`)).toEqual([
      'current:1:2:Current Behavior (Defect)',
      'expected:2:1:Expected Behavior (Correct)',
      'unchanged:3:0:Unchanged Behavior (Regression Prevention)',
    ]);
  });

  it('adds a criterion after the last one of its section, blank-line separated like its neighbours', () => {
    const r = addBugfixCriterion(parseBugfix(md), 'current', 'WHEN offline THEN the system loses data');
    expect(r.text.split('\n').slice(12, 16)).toEqual(['1.2 WHEN the disk is full THEN the system hangs', '', '1.3 WHEN offline THEN the system loses data', '']);
    expect(r.changes).toHaveLength(1);
  });

  it('adds the first criterion of an empty section under its heading', () => {
    const r = addBugfixCriterion(parseBugfix(md), 'unchanged', 'WHEN saving a small file THEN the system SHALL CONTINUE TO save it');
    expect(r.text.endsWith('### Unchanged Behavior (Regression Prevention)\n\n3.1 WHEN saving a small file THEN the system SHALL CONTINUE TO save it\n')).toBe(true);
    expect(bugfixSections(parseBugfix(r.text))[2]?.criteria.map((c) => c.id)).toEqual(['3.1']);
  });

  it('removes a criterion, renumbers the rest of its section and maps refs', () => {
    const doc = parseBugfix(md);
    const r = removeBugfixCriterion(doc, doc.requirements[0]!.criteria[0]!);
    expect(r.text.split('\n').slice(8, 13)).toEqual(['### Current Behavior (Defect)', '', '1.1 WHEN the disk is full THEN the system hangs', '', '### Expected Behavior (Correct)']);
    expect(r.idMap).toEqual(new Map([['1.1', null], ['1.2', '1.1']]));
    expect(renumberTaskRefs(parseTasks('- [ ] 1. Fix\n  - _Requirements: 1.2, 2.1_\n'), r.idMap).text).toBe('- [ ] 1. Fix\n  - _Requirements: 1.1, 2.1_\n');
  });

  it('edits a criterion text in place', () => {
    const doc = parseBugfix(md);
    const r = setCriterionText(doc, doc.requirements[1]!.criteria[0]!, 'WHEN the user saves THEN the system SHALL write it atomically');
    expect(r.text).toBe(md.replace('SHALL write the file', 'SHALL write it atomically'));
  });
});
