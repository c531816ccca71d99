import { describe, expect, it } from 'vitest';
import type { Client, DriftFinding, DriftState } from '../../../protocol';
import { groupByFile, useProblems } from '../problems/problemsStore';
import { driftSummary, startDrift, taskDrift, useDrift } from './driftStore';

const finding = (taskId: string, code: DriftFinding['code'], subject: string): DriftFinding => ({
  specDir: '.kiro/specs/greet',
  taskId,
  taskTitle: `Task ${taskId}`,
  file: '.kiro/specs/greet/tasks.md',
  line: 2,
  column: 7,
  code,
  subject,
  message: `Task ${taskId}: ${subject} changed.`,
});

describe('drift store', () => {
  it('lists drift in the Problems panel as warnings on tasks.md (1-based), and clears them when the drift goes', async () => {
    let push: ((s: DriftState) => void) | undefined;
    const client = {
      on: (_event: string, listener: (s: DriftState) => void) => {
        push = listener;
        return () => undefined;
      },
      request: async () => ({ findings: [finding('1', 'drift/file-changed', 'src/greet.js')], reviewedProblem: '.kiro/keel/drift-reviewed.json is not valid JSON' }),
    } as unknown as Client;
    startDrift(client);
    await new Promise((r) => setTimeout(r, 0));
    expect(useDrift.getState().findings).toHaveLength(1);
    const groups = groupByFile(useProblems.getState().bySource);
    expect(groups.map((g) => [g.path, g.problems.map((p) => `${p.severity} ${p.line}:${p.column} ${p.code}`)])).toEqual([
      ['.kiro/keel/drift-reviewed.json', ['warning 1:1 drift/reviewed-unreadable']],
      ['.kiro/specs/greet/tasks.md', ['warning 3:8 drift/file-changed']],
    ]);
    push?.({ findings: [] });
    expect(groupByFile(useProblems.getState().bySource)).toEqual([]);
  });

  it('says what changed, per task', () => {
    const all = [finding('1', 'drift/file-changed', 'src/a.js'), finding('1', 'drift/file-changed', 'src/b.js'), finding('1', 'drift/requirement-edited', '2'), finding('2', 'drift/file-changed', 'src/c.js')];
    expect(driftSummary(taskDrift(all, '.kiro/specs/greet', '1'))).toBe('2 files it wrote changed outside a task and requirement 2 edited since it was done');
    expect(driftSummary(taskDrift(all, '.kiro/specs/greet', '2'))).toBe('src/c.js changed outside a task since it was done');
    expect(taskDrift(all, '.kiro/specs/other', '1')).toEqual([]);
  });
});
