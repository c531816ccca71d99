import { describe, expect, it } from 'vitest';
import { branchNameProblem } from './branchName';

describe('branchNameProblem', () => {
  it('accepts the names people use and explains what git would refuse', () => {
    for (const ok of ['main', 'feature/login', 'fix-123', 'release/v1.2']) expect(branchNameProblem(ok)).toBeNull();
    expect(branchNameProblem('my branch')).toMatch(/spaces/);
    expect(branchNameProblem('-x')).toMatch(/start with/);
    expect(branchNameProblem('a..b')).toMatch(/cannot contain/);
    for (const bad of ['.hidden', 'a/.b', 'x.lock', 'a/', 'a.', 'a//b']) expect(branchNameProblem(bad)).not.toBeNull();
  });
});
