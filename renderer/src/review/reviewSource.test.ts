import { describe, expect, it } from 'vitest';
import { sourceLabel } from './reviewSource';

describe('review source label', () => {
  it('names the task and its spec for a task run, and says Chat for a chat session', () => {
    expect(sourceLabel({ kind: 'task', sessionId: 's', specDir: '.kiro/specs/todo-priorities', taskId: '2.1' })).toBe('Task 2.1 · todo-priorities');
    expect(sourceLabel({ kind: 'task', sessionId: 's', specDir: '.kiro/specs/greet/', taskId: 'line:7' })).toBe('Task on line 7 · greet');
    expect(sourceLabel({ kind: 'task', sessionId: 's' })).toBe('Task');
    expect(sourceLabel({ kind: 'chat', sessionId: 's' })).toBe('Chat');
  });
});
