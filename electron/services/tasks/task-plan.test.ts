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
