import { describe, expect, it } from 'vitest';
import type { SpecWriterProblem } from '../../../protocol';
import { BUGFIX, DESIGN, REQUIREMENTS, TASKS } from '../../../e2e/fixtures/specwriter/documents';
import { validatePhase } from './validate';

const dir = '.kiro/specs/due-dates';
const config = { path: `${dir}/.config.kiro`, text: '{"specId": "1", "workflowType": "requirements-first", "specType": "feature"}' };
const req = { path: `${dir}/requirements.md`, text: REQUIREMENTS };
const design = { path: `${dir}/design.md`, text: DESIGN };
const errors = (p: SpecWriterProblem[]) => p.filter((x) => x.severity === 'error');

describe('validating what the planner wrote', () => {
  it('accepts well-formed documents of each phase without errors', () => {
    expect(errors(validatePhase({ kind: 'requirements', ...req }, [config]))).toEqual([]);
    expect(errors(validatePhase({ kind: 'design', ...design }, [config, req]))).toEqual([]);
    expect(validatePhase({ kind: 'tasks', path: `${dir}/tasks.md`, text: TASKS }, [config, req, design])).toEqual([]);
    expect(errors(validatePhase({ kind: 'bugfix', path: `${dir}/bugfix.md`, text: BUGFIX }, [config]))).toEqual([]);
  });

  it('reports EARS problems with their line', () => {
    const text = REQUIREMENTS.replace('1. WHEN a todo', '1. Late todos should look different quickly. WHEN a todo');
    const problems = validatePhase({ kind: 'requirements', ...req, text }, [config]);
    const line = text.split('\n').findIndex((l) => l.includes('should look different')) + 1;
    expect(problems.some((p) => p.line === line && /ears|vague/i.test(p.code))).toBe(true);
  });

  it('an answer that is not a requirements document is an error, not silently accepted', () => {
    const problems = validatePhase({ kind: 'requirements', ...req, text: 'I could not find the code you mean.\n' }, [config]);
    expect(errors(problems).map((p) => p.code)).toContain('specwriter/no-requirements');
    expect(errors(validatePhase({ kind: 'requirements', ...req, text: '  \n' }, [config])).map((p) => p.code)).toEqual(['specwriter/empty']);
  });

  it('tasks citing criteria that do not exist are dangling references', () => {
    const problems = validatePhase({ kind: 'tasks', path: `${dir}/tasks.md`, text: TASKS.replace('_Requirements: 2.1_', '_Requirements: 2.1, 4.2_') }, [config, req, design]);
    expect(errors(problems)).toEqual([expect.objectContaining({ code: 'trace/dangling-ref', line: 9 })]);
  });

  it('tasks that cite nothing, or leave a requirement uncovered, are reported on the task list', () => {
    const noRefs = TASKS.replace(/\s*- _Requirements: [^\n]*/g, '');
    expect(errors(validatePhase({ kind: 'tasks', path: `${dir}/tasks.md`, text: noRefs }, [config, req])).map((p) => p.code)).toContain('specwriter/no-refs');
    const uncovered = TASKS.replace('_Requirements: 2.1_', '_Requirements: 1.1_');
    expect(validatePhase({ kind: 'tasks', path: `${dir}/tasks.md`, text: uncovered }, [config, req]).map((p) => p.code)).toContain('trace/uncovered-requirement');
  });

  it('a bug analysis without expected or unchanged behaviour is an error', () => {
    const text = BUGFIX.slice(0, BUGFIX.indexOf('### Expected'));
    const codes = errors(validatePhase({ kind: 'bugfix', path: `${dir}/bugfix.md`, text }, [config])).map((p) => p.message);
    expect(codes).toEqual([expect.stringContaining('Expected Behavior'), expect.stringContaining('Unchanged Behavior')]);
  });
});
