import { beforeEach, describe, expect, it } from 'vitest';
import type { RunnerStatus } from '../../../protocol';
import { isRunAllArgs, isStartArgs } from './taskActions';
import { appendLog, applyStatus, logKey, useTasks } from './tasksStore';

const status = (active: RunnerStatus['active']): RunnerStatus => ({ busy: active.length > 0, active, recovered: [] });
const run = (taskId: string, parentRunId?: string) => ({ runId: `r-${taskId}`, specDir: '.kiro/specs/x', taskId, title: taskId, phase: 'executing' as const, ...(parentRunId ? { parentRunId } : {}) });

describe('tasks store', () => {
  beforeEach(() => useTasks.setState({ status: null, logs: {}, logCount: {}, selected: null }));

  it('follows the running task in the log (the group, not its sub-task) and keeps the last selection when idle', () => {
    applyStatus(status([run('2'), run('2.1', 'r-2')]));
    expect(useTasks.getState().selected).toEqual({ specDir: '.kiro/specs/x', taskId: '2' });
    applyStatus(status([]));
    expect(useTasks.getState().selected).toEqual({ specDir: '.kiro/specs/x', taskId: '2' });
  });

  it('keeps the newest 200 log lines per task; lines without a task are dropped', () => {
    for (let i = 0; i < 205; i++) appendLog({ runId: 'r', specDir: 's', taskId: '1', message: `line ${i}` });
    appendLog({ runId: '', specDir: '', taskId: '', message: 'journal unreadable' });
    const lines = useTasks.getState().logs[logKey('s', '1')]!;
    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('line 5');
    // The count goes on past the cap (the run log re-reads the history on each new line).
    expect(useTasks.getState().logCount[logKey('s', '1')]).toBe(205);
    expect(Object.keys(useTasks.getState().logs)).toEqual([logKey('s', '1')]);
  });

  it('tells command arguments from a palette call (no arguments)', () => {
    expect(isStartArgs({ specDir: '.kiro/specs/x', taskId: '2.1' })).toBe(true);
    expect(isStartArgs(undefined)).toBe(false);
    expect(isStartArgs({ specDir: '.kiro/specs/x' })).toBe(false);
    expect(isRunAllArgs({ specDir: '.kiro/specs/x' })).toBe(true);
    expect(isRunAllArgs(null)).toBe(false);
  });
});
