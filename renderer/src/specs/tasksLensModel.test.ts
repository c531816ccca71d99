import { describe, expect, it } from 'vitest';
import { parseTasks } from '../../../specs-schema';
import { taskAt, taskHover, taskLenses } from './tasksLensModel';

const md = ['# Implementation Plan', '', '- [x] 1. Set up', '  - _Requirements: 1.1_', '- [ ] 2. Build the list', '  - Render rows', '  - _Requirements: 1.2, 2.1_', '  - [-] 2.1 Virtualise', '- [ ]* 3. Polish', ''].join('\n');

describe('tasks.md lens and hover', () => {
  it('a lens above each task not done: its state and refs, or Start task once the runner exists', () => {
    const doc = parseTasks(md);
    expect(taskLenses(doc, false).map((l) => [l.line, l.title])).toEqual([
      [5, '○ open · Requirements 1.2, 2.1'],
      [8, '◐ in progress'],
      [9, '○ open · optional'],
    ]);
    expect(taskLenses(doc, true).map((l) => [l.taskKey, l.title, l.start])).toEqual([
      ['2', '▶ Start task', true],
      ['2', '○ open · Requirements 1.2, 2.1', false],
      ['2.1', '▶ Start task', true],
      ['2.1', '◐ in progress', false],
      ['3', '▶ Start task', true],
      ['3', '○ open · optional', false],
    ]);
  });

  it('hovering a task line or its details shows the state and the cited criteria', () => {
    const doc = parseTasks(md);
    const t = taskAt(doc, 6)!;
    expect(t.id).toBe('2');
    expect(taskAt(doc, 7)?.id).toBe('2.1');
    const hover = taskHover(t, new Map([['1.2', 'WHEN a THE app SHALL b.']]));
    expect(hover).toContain('**Task 2** — Not started');
    expect(hover).toContain('- 1.2 — WHEN a THE app SHALL b.');
    expect(hover).toContain('- 2.1 — ⚠ not defined in the requirements');
  });
});
