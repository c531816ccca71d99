import { beforeEach, describe, expect, it } from 'vitest';
import { countProblems, groupByFile, useProblems, type Problem } from './problemsStore';

const p = (line: number, severity: Problem['severity'] = 'warning', message = `at ${line}`): Problem => ({ severity, message, line, column: 1 });

describe('useProblems', () => {
  beforeEach(() => useProblems.setState({ bySource: {} }));

  it('keeps each source separate: one source replacing its list leaves the other alone', () => {
    const { setProblems } = useProblems.getState();
    setProblems('specs', 'a.md', [p(3)]);
    setProblems('lint', 'a.md', [p(1, 'error')]);
    setProblems('specs', 'a.md', [p(5)]);
    const groups = groupByFile(useProblems.getState().bySource);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.problems.map((x) => `${x.source}:${x.line}`)).toEqual(['lint:1', 'specs:5']);
  });

  it('an empty list removes the file; clearSource forgets a source', () => {
    const { setProblems, clearSource } = useProblems.getState();
    setProblems('specs', 'a.md', [p(1)]);
    setProblems('specs', 'b.md', [p(2, 'error'), p(3, 'info')]);
    setProblems('specs', 'a.md', []);
    expect(groupByFile(useProblems.getState().bySource).map((g) => g.path)).toEqual(['b.md']);
    expect(countProblems(useProblems.getState().bySource)).toEqual({ error: 1, warning: 0, info: 1 });
    clearSource('specs');
    expect(groupByFile(useProblems.getState().bySource)).toEqual([]);
  });

  it('an identical update does not notify subscribers (typing that changes nothing does not redraw the panel)', () => {
    const { setProblems } = useProblems.getState();
    setProblems('specs', 'a.md', [p(1)]);
    const before = useProblems.getState().bySource;
    setProblems('specs', 'a.md', [p(1)]);
    setProblems('specs', 'c.md', []);
    expect(useProblems.getState().bySource).toBe(before);
  });

  it('sorts files by path and problems by position', () => {
    const { setProblems } = useProblems.getState();
    setProblems('specs', 'z.md', [p(9), p(2)]);
    setProblems('specs', 'b/a.md', [p(4)]);
    const groups = groupByFile(useProblems.getState().bySource);
    expect(groups.map((g) => g.path)).toEqual(['b/a.md', 'z.md']);
    expect(groups[1]?.problems.map((x) => x.line)).toEqual([2, 9]);
  });
});
