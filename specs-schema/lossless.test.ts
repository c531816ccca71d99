/** The lossless rule on purpose-built odd inputs, for every parser, plus what each parser still understands. */
import { describe, expect, it } from 'vitest';
import { parseDesign } from './design/parse-design';
import { fileStats, parseFile, serializeFile } from './parse-file';
import { parseBugfix } from './requirements/parse-bugfix';

const ODD = {
  crlf: '# Implementation Plan\r\n\r\n- [ ] 1. A\r\n  - [x] 1.1 B\r\n',
  tabs: '# Requirements\n\n### Requirement 1: T\n\n#### Acceptance Criteria\n\n1.\tWHEN x THE system SHALL y\n\t- [ ] 1. tabbed\n',
  noFinalNewline: '### Requirement 1: T\n\n1. THE system SHALL y',
  trailingSpaces: '- [x] 1. A   \n  - _Requirements: 1.1_  \n',
  unknownHeadings: '# Whatever\n\n## 🚀 Phase 1\n\n### Something else\n\n- [ ] 1. A\n',
  htmlComments: '<!-- - [ ] 1. hidden -->\n<!--\n- [ ] 2. hidden\n-->\n- [ ] 3. shown\n',
  fenced: '- [ ] 1. A\n\n```md\n- [ ] 2. example\n### Requirement 9: not real\n```\n',
  gaps: '- [ ] 1. A\n- [ ] 3. C\n- [ ] 7. G\n',
  bom: '\uFEFF---\ninclusion: always\n---\n# T\n',
  empty: '',
  loneCR: 'a\rb\r',
};
const PATHS = ['.kiro/specs/s/requirements.md', '.kiro/specs/s/design.md', '.kiro/specs/s/tasks.md', '.kiro/specs/s/bugfix.md', '.kiro/steering/s.md', 'AGENTS.md', '.kiro/hooks/h.kiro.hook', '.kiro/settings/mcp.json', '.kiro/specs/s/.config.kiro'];

describe('lossless on odd inputs', () => {
  for (const [name, text] of Object.entries(ODD)) {
    it(`${name} round-trips through every parser`, () => {
      for (const path of PATHS) expect(serializeFile(parseFile(path, text)), path).toBe(text);
    });
  }

  it('still counts what it should in odd files', () => {
    expect(fileStats('.kiro/specs/s/tasks.md', ODD.crlf).tasks?.total).toBe(2);
    expect(fileStats('.kiro/specs/s/tasks.md', ODD.htmlComments).tasks?.total).toBe(1);
    expect(fileStats('.kiro/specs/s/tasks.md', ODD.fenced).tasks?.total).toBe(1);
    expect(fileStats('.kiro/specs/s/requirements.md', ODD.fenced).requirements).toBe(0);
    expect(fileStats('.kiro/specs/s/requirements.md', ODD.noFinalNewline)).toMatchObject({ requirements: 1, criteria: 1 });
    expect(fileStats('.kiro/specs/s/tasks.md', ODD.unknownHeadings).tasks?.total).toBe(1);
  });
});

describe('bugfix.md', () => {
  it('groups `N.M` criteria by section and knows current / expected / unchanged', () => {
    const doc = parseBugfix('# Bugfix Requirements Document\n\n## Bug Analysis\n\n### Current Behavior (Defect)\n\n1.1 WHEN x THEN the system crashes\n\n### Expected Behavior (Correct)\n\n2.1 WHEN x THEN the system SHALL recover\n2.2 WHEN y THEN the system SHALL log\n\n### Unchanged Behavior (Regression Prevention)\n\n3.1 WHEN z THEN the system SHALL CONTINUE TO work\n');
    expect(doc.requirements.map((r) => [r.id, r.section, r.criteria.map((c) => c.id)])).toEqual([
      ['1', 'current', ['1.1']],
      ['2', 'expected', ['2.1', '2.2']],
      ['3', 'unchanged', ['3.1']],
    ]);
  });
});

describe('design.md', () => {
  it('keeps sections and the requirement refs written in them', () => {
    const doc = parseDesign('# Design\n\n## Overview\n\nText.\n\n```mermaid\ngraph TD\n```\n\n## Correctness Properties\n\n### Property 1: Round trip\n\n**Validates: Requirements 1.1, 2.3**\n');
    expect(doc.sections.map((s) => s.heading.text)).toEqual(['Design', 'Overview', 'Correctness Properties', 'Property 1: Round trip']);
    expect(doc.sections[3]?.refs[0]?.items.map((i) => i.raw)).toEqual(['1.1', '2.3']);
  });
});
