import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design';
import { renumberDesignRefs, renumberTaskRefs } from '../renumber-refs';
import { parseTasks } from '../tasks/parse-tasks';
import { addCriterion, addRequirement, removeCriterion, removeRequirement, setCriterionText, setRequirementTitle, setUserStory } from './edit-requirements';
import { parseRequirements, serializeRequirements } from './parse-requirements';

const md = [
  '# Requirements Document',
  '',
  '## Introduction',
  '',
  'A todo app.',
  '',
  '## Requirements',
  '',
  '### Requirement 1: Add items',
  '',
  '**User Story:** As a user, I want to add items, so that I remember them.',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHEN the user submits text THEN the system SHALL add an item.',
  '2. IF the text is empty THEN the system SHALL reject it.',
  '',
  '### Requirement 2: Remove items',
  '',
  '**User Story:** As a user, I want to remove items.',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHEN the user deletes an item THE system SHALL remove it.',
  '',
  '### Requirement 3: Persist',
  '',
  '#### Acceptance Criteria',
  '',
  '1. THE system SHALL store items locally.',
  '',
].join('\n');

describe('parseRequirements', () => {
  it('reads requirements, stories and numbered criteria', () => {
    const doc = parseRequirements(md);
    expect(doc.requirements.map((r) => `${r.id} ${r.title}`)).toEqual(['1 Add items', '2 Remove items', '3 Persist']);
    expect(doc.requirements[0]?.story?.text).toBe('As a user, I want to add items, so that I remember them.');
    expect(doc.requirements[0]?.criteria.map((c) => c.id)).toEqual(['1.1', '1.2']);
    expect(serializeRequirements(doc)).toBe(md);
  });

  it('reads localized headings and cc-sdd `1.1` criteria', () => {
    const doc = parseRequirements('### 需求 1: 登录\n\n#### 验收标准\n\n1. 当用户登录时，系统 SHALL 验证密码\n\n### Requirement 2\n\n#### Acceptance Criteria\n2.1 The app shall work.\n2.2 When x, the app shall y.\n');
    expect(doc.requirements.map((r) => [r.id, r.criteria.map((c) => c.id)])).toEqual([['1', ['1.1']], ['2', ['2.1', '2.2']]]);
  });
});

describe('requirement edits', () => {
  it('edits title, story and criterion text on their own lines only', () => {
    const doc = parseRequirements(md);
    const r1 = doc.requirements[0]!;
    expect(setRequirementTitle(doc, r1, 'Create items').text).toContain('### Requirement 1: Create items\n');
    expect(setUserStory(doc, r1, 'As a user, I want lists.').text).toContain('**User Story:** As a user, I want lists.\n');
    const c = setCriterionText(doc, r1.criteria[1]!, 'IF the text is blank THEN the system SHALL reject it.');
    expect(c.changes).toHaveLength(1);
    expect(c.text).toContain('2. IF the text is blank THEN');
  });

  it('removing a requirement renumbers later ones and tasks.md refs follow', () => {
    const doc = parseRequirements(md);
    const r = removeRequirement(doc, doc.requirements[1]!);
    const again = parseRequirements(r.text);
    expect(again.requirements.map((x) => `${x.id} ${x.title}`)).toEqual(['1 Add items', '2 Persist']);
    const tasks = parseTasks('- [ ] 1. A\n  - _Requirements: 1.1, 2.1, 3.1_\n- [ ] 2. B\n  - _Requirements: R3_\n');
    expect(renumberTaskRefs(tasks, r.idMap).text).toBe('- [ ] 1. A\n  - _Requirements: 1.1, 2.1_\n- [ ] 2. B\n  - _Requirements: R2_\n');
    const design = parseDesign('## Property 1\n\n**Validates: Requirements 2.1, 3.1**\n');
    expect(renumberDesignRefs(design, r.idMap).text).toBe('## Property 1\n\n**Validates: Requirements 2.1**\n');
  });

  it('adds a requirement in the middle in the file’s own style', () => {
    const doc = parseRequirements(md);
    const r = addRequirement(doc, { title: 'Edit items', story: 'As a user, I want to fix typos.', criteria: ['WHEN the user edits an item THE system SHALL save it.'], after: doc.requirements[0]! });
    const again = parseRequirements(r.text);
    expect(again.requirements.map((x) => `${x.id} ${x.title}`)).toEqual(['1 Add items', '2 Edit items', '3 Remove items', '4 Persist']);
    expect(again.requirements[1]?.criteria.map((c) => c.text)).toEqual(['WHEN the user edits an item THE system SHALL save it.']);
    expect(r.idMap.get('2')).toBe('3');
  });

  it('adds and removes criteria, renumbering the list', () => {
    const doc = parseRequirements(md);
    const r1 = doc.requirements[0]!;
    const added = addCriterion(doc, r1, 'WHEN x THE system SHALL y.', r1.criteria[0]);
    expect(parseRequirements(added.text).requirements[0]?.criteria.map((c) => `${c.number} ${c.text.slice(0, 6)}`)).toEqual(['1 WHEN t', '2 WHEN x', '3 IF the']);
    const removed = removeCriterion(doc, r1, r1.criteria[0]!);
    expect(parseRequirements(removed.text).requirements[0]?.criteria.map((c) => c.id)).toEqual(['1.1']);
    expect(removed.idMap).toEqual(new Map([['1.1', null], ['1.2', '1.1']]));
  });
});
