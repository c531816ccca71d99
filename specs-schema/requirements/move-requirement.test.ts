import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design';
import { renumberDesignRefs, renumberTaskRefs } from '../renumber-refs';
import { parseTasks } from '../tasks/parse-tasks';
import { moveRequirement } from './move-requirement';
import { parseRequirements } from './parse-requirements';

const md = [
  '# Requirements Document',
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
  '#### Acceptance Criteria',
  '',
  '1. WHEN the user deletes an item THE system SHALL remove it.',
  '',
  '',
  '### Requirement 3: Persist',
  '',
  '#### Acceptance Criteria',
  '',
  '1. THE system SHALL store items locally.',
  '',
].join('\n');

const titles = (text: string) => parseRequirements(text).requirements.map((r) => `${r.id} ${r.title}`);

describe('moveRequirement', () => {
  it('swaps a requirement with its neighbour; numbers stay with the positions', () => {
    const doc = parseRequirements(md);
    const r = moveRequirement(doc, doc.requirements[1]!, 'up');
    expect(r.diagnostics).toEqual([]);
    expect(titles(r.text)).toEqual(['1 Remove items', '2 Add items', '3 Persist']);
    expect(r.idMap).toEqual(new Map([['2', '1'], ['1', '2']]));
    // The blank lines between sections stay where they were (two before Requirement 3).
    expect(r.text.split('\n').slice(17, 23)).toEqual(['2. IF the text is empty THEN the system SHALL reject it.', '', '', '### Requirement 3: Persist', '', '#### Acceptance Criteria']);
    // Criteria keep their own text and numbering inside the moved section.
    expect(parseRequirements(r.text).requirements[1]?.criteria.map((c) => c.id)).toEqual(['2.1', '2.2']);
  });

  it('moves the last requirement to the top, shifting the others down', () => {
    const doc = parseRequirements(md);
    const r = moveRequirement(doc, doc.requirements[2]!, 0);
    expect(titles(r.text)).toEqual(['1 Persist', '2 Add items', '3 Remove items']);
    expect(r.idMap).toEqual(new Map([['3', '1'], ['1', '2'], ['2', '3']]));
    // Moving it back restores the original bytes.
    const back = parseRequirements(r.text);
    expect(moveRequirement(back, back.requirements[0]!, 2).text).toBe(md);
  });

  it('references in tasks.md and design.md follow the moved requirements', () => {
    const doc = parseRequirements(md);
    const r = moveRequirement(doc, doc.requirements[0]!, 'down');
    const tasks = ['- [ ] 1. Add', '  - _Requirements: 1.1, 1.2_', '- [ ] 2. Remove', '  - _Requirements: 2.1, R3_', ''].join('\n');
    expect(renumberTaskRefs(parseTasks(tasks), r.idMap).text).toBe(['- [ ] 1. Add', '  - _Requirements: 2.1, 2.2_', '- [ ] 2. Remove', '  - _Requirements: 1.1, R3_', ''].join('\n'));
    const design = ['# Design', '', '## Store', '', '**Validates: Requirements 1.2**', ''].join('\n');
    expect(renumberDesignRefs(parseDesign(design), r.idMap).text).toContain('**Validates: Requirements 2.2**');
  });

  it('renumbers cc-sdd style criteria (1.1, 1.2) with their requirement', () => {
    const cc = ['## Requirement 1: A', '', '1.1 WHEN a THE system SHALL b.', '', '## Requirement 2: B', '', '2.1 WHEN c THE system SHALL d.', ''].join('\n');
    const doc = parseRequirements(cc);
    const r = moveRequirement(doc, doc.requirements[1]!, 'up');
    expect(r.text).toBe(['## Requirement 1: B', '', '1.1 WHEN c THE system SHALL d.', '', '## Requirement 2: A', '', '2.1 WHEN a THE system SHALL b.', ''].join('\n'));
  });

  it('keeps CRLF endings and a missing final newline', () => {
    const crlf = '## Requirement 1: A\r\n\r\n1. THE system SHALL a.\r\n\r\n## Requirement 2: B\r\n\r\n1. THE system SHALL b.';
    const doc = parseRequirements(crlf);
    const r = moveRequirement(doc, doc.requirements[1]!, 'up');
    expect(r.text).toBe('## Requirement 1: B\r\n\r\n1. THE system SHALL b.\r\n\r\n## Requirement 2: A\r\n\r\n1. THE system SHALL a.');
  });

  it('does nothing past either end, and only touches the lines that change', () => {
    const doc = parseRequirements(md);
    expect(moveRequirement(doc, doc.requirements[0]!, 'up').changes).toEqual([]);
    expect(moveRequirement(doc, doc.requirements[2]!, 'down').changes).toEqual([]);
    const r = moveRequirement(doc, doc.requirements[1]!, 'down');
    // Everything before Requirement 2's heading is untouched.
    expect(Math.min(...r.changes.map((c) => c.start))).toBe(md.indexOf('### Requirement 2'));
  });
});
