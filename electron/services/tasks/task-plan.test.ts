import { describe, expect, it } from 'vitest';
import { parseTasks } from '../../../specs-schema';
import { countLeaves } from './run-all';
import { citedIds, locateTask, runAllOrder, taskKey } from './task-plan';

const TEXT = `# Plan

- [x] 1. Done already
- [ ] Set up the project
- [-] 2. Left in progress
  - [ ] 2.1 First
    - _Requirements: 1.1, 2_
  - [ ]* 2.2 Optional
- [ ]* 3. Optional top
- [ ] 4. Last
  - [x] 4.1 Done sub-task
`;

describe('task plan', () => {
  const doc = parseTasks(TEXT);

  it('keys unnumbered tasks by their 1-based line (as the spec panes do) and finds them back', () => {
    const unnumbered = doc.all[1]!;
    expect(taskKey(unnumbered)).toBe('line:4');
    expect(locateTask(doc, 'line:4')).toBe(unnumbered);
    expect(locateTask(doc, '2.1')?.title).toBe('First');
  });

  it('Run all takes pending, non-optional top-level tasks in document order; progress counts their leaves', () => {
    expect(runAllOrder(doc).map(taskKey)).toEqual(['line:4', '2', '4']);
    // line:4 (a leaf), 2.1 (2.2 is optional), and 4 (whose only sub-task is done, so it is ticked without a run).
    expect(countLeaves(runAllOrder(doc))).toBe(2);
  });

  it('collects the ids a task and its sub-tasks cite', () => {
    expect(citedIds(locateTask(doc, '2')!)).toEqual(['1.1', '2']);
  });
});

describe('Run all with a task dependency graph', () => {
  const graphDoc = (json: string) =>
    parseTasks(`# Plan

- [ ] 1. Config
  - [ ] 1.1 Keys
  - [ ] 1.2 Loader
- [ ] 2. Store
  - [ ] 2.1 Files
  - [ ]* 2.2 Property test
  - [ ] 2.3 Locking
- [x] 3. Done already
- [ ] 4. Not in the graph

## Task Dependency Graph

\`\`\`json
${json}
\`\`\`

\`\`\`
1 ─> 2
\`\`\`
`);

  it('runs the `{"wave": n}` shape wave by wave, skipping optional and finished tasks, then what the graph leaves out', () => {
    const doc = graphDoc('{"waves": [{"wave": 2, "tasks": ["1.2", "2.3"], "rationale": "needs the keys"}, {"wave": 1, "tasks": ["2.1", "1.1", "2.2", "3"], "rationale": "independent"}]}');
    expect(doc.graph?.shape).toBe('wave');
    expect(runAllOrder(doc).map(taskKey)).toEqual(['2.1', '1.1', '1.2', '2.3', '1', '2', '4']);
    // 1.1, 1.2, 2.1, 2.3 and 4: each leaf once, though groups 1 and 2 are listed after their sub-tasks.
    expect(countLeaves(runAllOrder(doc))).toBe(5);
  });

  it('reads the `{"id": n}` shape numbered from 0 the same way', () => {
    const doc = graphDoc('{\n  "waves": [\n    { "id": 0, "tasks": ["1.1", "2.1"] },\n    { "id": 1, "tasks": ["2.3"] },\n    { "id": 2, "tasks": ["1.2", "4"] }\n  ]\n}');
    expect(doc.graph?.shape).toBe('id');
    expect(runAllOrder(doc).map(taskKey)).toEqual(['1.1', '2.1', '2.3', '1.2', '4', '1', '2']);
  });

  it('keeps the document order without a graph, and after a broken one (which is reported)', () => {
    const doc = graphDoc('{"waves": [ {"wave": 1, "tasks": ["1.1"] ');
    expect(doc.graph).toBeUndefined();
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['tasks/graph-invalid']);
    expect(runAllOrder(doc).map(taskKey)).toEqual(['1', '2', '4']);
  });
});
