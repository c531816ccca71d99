import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design';
import { parseRequirements } from '../requirements/parse-requirements';
import { parseTasks } from '../tasks/parse-tasks';
import { traceSpec } from './traceability';

const requirements = `### Requirement 1: A

#### Acceptance Criteria

1. THE system SHALL a.
2. THE system SHALL b.

### Requirement 2: B

#### Acceptance Criteria

1. THE system SHALL c.

### Requirement 4: D

#### Acceptance Criteria

1. THE system SHALL d.
3. THE system SHALL e.
`;

const tasks = `# Implementation Plan

- [x] 1. Build A
  - [x] 1.1 Part one
    - _Requirements: 1.1, 9.9_
  - [ ] 1.2 Part two
  - [ ]* 1.3 Optional tests
- [ ] 2. Build B
  - _Requirements: 2_
- [ ] 4. Polish
`;

const design = `# Design

## Correctness Properties

### Property 1: round trip

**Validates: Requirements 1.2, 7.1**
`;

describe('traceSpec', () => {
  const result = traceSpec({
    requirements: { path: 'requirements.md', doc: parseRequirements(requirements) },
    tasks: { path: 'tasks.md', doc: parseTasks(tasks) },
    design: { path: 'design.md', doc: parseDesign(design) },
  });
  const found = result.diagnostics.map((d) => `${d.file}:${d.line + 1} ${d.code}`);

  it('links criteria to the tasks and design sections that cite them', () => {
    const r1 = result.graph.requirements[0]!;
    expect(r1.criteria.map((c) => [c.id, c.tasks, c.design])).toEqual([
      ['1.1', ['1.1'], []],
      ['1.2', [], ['Property 1: round trip']],
    ]);
    expect(result.graph.requirements[1]?.tasks).toEqual(['2']);
  });

  it('reports dangling refs in tasks.md and design.md', () => {
    expect(found).toContain('tasks.md:5 trace/dangling-ref');
    expect(found).toContain('design.md:7 trace/dangling-ref');
    expect(result.diagnostics.find((d) => d.code === 'trace/dangling-ref' && d.file === 'tasks.md')?.severity).toBe('error');
  });

  it('reports uncovered requirements and criteria', () => {
    expect(found).toContain('requirements.md:14 trace/uncovered-requirement');
    expect(found).toContain('requirements.md:6 trace/uncovered-criterion');
  });

  it('reports tasks without refs, a done parent with open sub-tasks (optional ones excepted) and numbering gaps', () => {
    expect(found).toEqual(expect.arrayContaining(['tasks.md:10 trace/task-without-refs', 'tasks.md:3 trace/done-parent-open-children', 'tasks.md:10 trace/numbering-gap', 'requirements.md:14 trace/numbering-gap', 'requirements.md:19 trace/numbering-gap', 'tasks.md:6 trace/task-without-refs']));
    expect(result.diagnostics.find((d) => d.code === 'trace/done-parent-open-children')?.message).toContain('1.2');
    expect(result.diagnostics.find((d) => d.code === 'trace/done-parent-open-children')?.message).not.toContain('1.3');
  });

  it('treats flat-numbered sub-tasks (written at the parent’s indent) as sub-tasks', () => {
    const flat = traceSpec({ tasks: { path: 'tasks.md', doc: parseTasks('- [x] 1. Parent\n- [ ] 1.1 Child\n- [x] 1.2 Done child\n') } });
    expect(flat.diagnostics.map((d) => `${d.line + 1} ${d.code}`)).toEqual(['1 trace/done-parent-open-children']);
  });
});

describe('localized references', () => {
  it('links `_要件: 1.1_` in tasks and `**検証: 要件1.1**` / `**验证需求: 1.2**` in design to a Japanese requirement', () => {
    const req = '## 要件\n\n### 要件1：署名\n\n**ユーザーストーリー：** 開発者として、署名したい。\n\n#### 受け入れ基準\n\n1. THE Signer SHALL 署名を返す\n2. THE Signer SHALL 検証する\n';
    const tasksMd = '- [ ] 1. 署名を実装する\n  - _要件: 1.1_\n- [ ]\\* 2. テスト\n  - _要件: 1.2_\n';
    const designMd = '## Correctness Properties\n\n### Property 1: 署名\n\n**検証: 要件1.1**\n\n### Property 2: 検証\n\n**验证需求: 1.2**\n';
    const result = traceSpec({
      requirements: { path: 'requirements.md', doc: parseRequirements(req) },
      tasks: { path: 'tasks.md', doc: parseTasks(tasksMd) },
      design: { path: 'design.md', doc: parseDesign(designMd) },
    });
    expect(result.graph.requirements[0]?.criteria.map((c) => [c.id, c.tasks, c.design])).toEqual([
      ['1.1', ['1'], ['Property 1: 署名']],
      ['1.2', ['2'], ['Property 2: 検証']],
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual([]);
  });
});
