import { describe, expect, it } from 'vitest';
import { reviewTitle, sourceLabel } from './reviewSource';

describe('review source label', () => {
  it('names the task and its spec for a task run, and says Chat for a chat session', () => {
    expect(sourceLabel({ kind: 'task', specDir: '.kiro/specs/todo-priorities', taskId: '2.1' })).toBe('Task 2.1 · todo-priorities');
    expect(sourceLabel({ kind: 'task', specDir: '.kiro/specs/greet/', taskId: 'line:7' })).toBe('Task on line 7 · greet');
    expect(sourceLabel({ kind: 'task' })).toBe('Task');
    expect(sourceLabel({ kind: 'chat' })).toBe('Chat');
  });

  it('titles the review tab by its task, so one task’s review is told from the next', () => {
    expect(reviewTitle({ kind: 'task', taskId: '3' })).toBe('Review: Task 3');
    expect(reviewTitle({ kind: 'task', taskId: 'line:12' })).toBe('Review: Task on line 12');
    expect(reviewTitle({ kind: 'chat' })).toBe('Review: Chat');
  });
});
