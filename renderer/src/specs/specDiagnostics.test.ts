import { describe, expect, it } from 'vitest';
import { specDiagnostics } from './specDiagnostics';

const requirements = {
  path: 'r.md',
  text: '# Requirements Document\n\n## Requirements\n\n### Requirement 1: A\n\n**User Story:** As a user, I want a, so that b\n\n#### Acceptance Criteria\n\n1. WHEN x, THE App SHALL y.\n2. The app should be fast.\n',
};

describe('specDiagnostics', () => {
  it('reports a task citing a criterion that does not exist on the task line, and EARS problems on the criterion', () => {
    const tasks = { path: 't.md', text: '# Plan\n\n- [ ] 1. Do it\n  - _Requirements: 1.1, 1.9_\n' };
    const result = specDiagnostics({ requirements, tasks });
    const dangling = result.get('t.md')!.filter((d) => d.code === 'trace/dangling-ref');
    expect(dangling.map((d) => [d.line, d.message.includes('1.9')])).toEqual([[3, true]]);
    const r = result.get('r.md')!;
    expect(r.some((d) => d.code === 'ears/missing-shall' && d.line === 11)).toBe(true);
    // 1.2 is cited by no task.
    expect(r.some((d) => d.code.startsWith('trace/uncovered') && d.message.includes('1.2'))).toBe(true);
  });
});
