/**
 * Real tasks.md files (committed byte-exact under corpus/samples) read against expectations written by hand: the
 * two shapes of Kiro's task dependency graph, and optional tasks with an escaped star.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countTasks, findTask, parseTasks, serializeTasks } from './parse-tasks';
import { waveIndexOf } from './task-graph';

const samples = join(import.meta.dirname, '..', 'corpus', 'samples');
const sample = (repo: string, spec: string) => readFileSync(join(samples, repo, 'kiro', 'specs', spec, 'tasks.md'), 'utf8');

describe('task dependency graph', () => {
  it('`{"id": n}` waves from 0 (Japanese spec)', () => {
    const text = sample('kognavi__tanden-trust-audit-poc', 'kms-blockchain-tx-signing');
    const doc = parseTasks(text);
    expect(serializeTasks(doc)).toBe(text);
    expect(doc.graph?.shape).toBe('id');
    expect(doc.graph?.heading?.text).toBe('Task Dependency Graph');
    expect(doc.graph?.waves.map((w) => w.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(doc.graph?.waves[0]?.tasks).toEqual(['1.1']);
    expect(doc.graph?.waves[10]?.tasks).toEqual(['7.3', '9.1', '10.1', '10.2']);
    expect(waveIndexOf(doc.graph!, '2.4')).toBe(5);
    // The JSON block is not read as tasks, and the file has no diagnostics.
    expect(doc.all).toHaveLength(29);
    expect(doc.diagnostics).toEqual([]);
  });

  it('`{"wave": n, "rationale": …}` waves from 1, followed by an ASCII graph (Vietnamese spec)', () => {
    const text = sample('ngcongtunglam209__gpt_signup_hybrid', 'session-cookie-cache');
    const doc = parseTasks(text);
    expect(serializeTasks(doc)).toBe(text);
    expect(doc.graph?.shape).toBe('wave');
    expect(doc.graph?.waves.map((w) => [w.number, w.tasks.length])).toEqual([[1, 7], [2, 4], [3, 3], [4, 5], [5, 1]]);
    expect(doc.graph?.waves[4]).toEqual({ number: 5, tasks: ['7'], rationale: 'Verify tổng thể sau khi mọi wiring xong.' });
    expect(text.slice(doc.lines[doc.graph!.endLine + 2]!.offset)).toMatch(/^```\n1 \(config keys\) ─┐/);
    expect(doc.diagnostics).toEqual([]);
  });

  it('names the tasks a graph lists that the file lacks', () => {
    const doc = parseTasks('- [ ] 1. A\n\n```json\n{"waves": [{"id": 0, "tasks": ["1", "9.9"]}]}\n```\n');
    expect(doc.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['tasks/graph-unknown-task', 2, 'The task dependency graph names a task this file does not have: 9.9.']]);
  });
});

describe('optional tasks with an escaped star (Portuguese spec)', () => {
  it('are counted and marked optional', () => {
    const doc = parseTasks(sample('multideskio__vinha_admin_center', 'google-login'));
    expect(countTasks(doc)).toEqual({ total: 30, open: 30, inProgress: 0, done: 0, optional: 8 });
    expect(findTask(doc, '2.2')).toMatchObject({ optional: true, optionalMark: '\\*', title: 'Escrever teste de propriedade para URL de autorização' });
    expect(findTask(doc, '2.1')?.optional).toBe(false);
  });
});
