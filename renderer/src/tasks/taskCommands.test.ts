import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '../../../protocol';
import { CommandRegistry } from '../commands/registry';
import { useQuickInput } from '../state/quickInput';
import { RUN_ALL_TASKS, START_TASK, registerTaskCommands } from './taskCommands';
import { resumeInterrupted, type TaskServices } from './taskActions';

const TASKS = '# Tasks\n\n- [ ] 1 Greet\n- [x] 2 Done already\n- [ ]* 3 Optional\n';

/** A registry with the task commands on a fake host that records what it is asked. */
function setup() {
  const requests: { channel: string; payload: unknown }[] = [];
  const client = {
    request: (channel: string, payload: unknown) => {
      requests.push({ channel, payload });
      if (channel === 'spec/list') return Promise.resolve({ specs: [{ dir: '.kiro/specs/greet', name: 'greet', files: { tasks: '.kiro/specs/greet/tasks.md' } }] });
      if (channel === 'workspace/readFile') return Promise.resolve({ content: TASKS });
      return Promise.resolve({});
    },
    on: () => () => {},
  } as unknown as Client;
  const services = { client, documents: { save: () => Promise.resolve(true) } } as unknown as TaskServices;
  const registry = new CommandRegistry('other');
  registerTaskCommands((spec) => registry.register(spec), services);
  return { registry, requests, services };
}

describe('task commands', () => {
  beforeEach(() => useQuickInput.getState().hide());

  it('Start Task with a target starts exactly that task, without asking', async () => {
    const { registry, requests } = setup();
    await registry.execute(START_TASK, { specDir: '.kiro/specs/greet', taskId: '1' });
    expect(requests).toEqual([{ channel: 'tasks/start', payload: { specDir: '.kiro/specs/greet', taskId: '1' } }]);
    expect(useQuickInput.getState().open).toBe(false);
  });

  it('Start Task from the palette (no arguments) offers the open, non-optional tasks to pick', async () => {
    const { registry, requests } = setup();
    await registry.execute(START_TASK);
    expect(requests.some((r) => r.channel === 'tasks/start')).toBe(false);
    const pick = useQuickInput.getState().pick;
    expect(pick?.items.map((i) => i.label)).toEqual(['1 Greet']);
    pick?.items[0]?.run();
    await vi.waitFor(() => expect(requests.at(-1)).toEqual({ channel: 'tasks/start', payload: { specDir: '.kiro/specs/greet', taskId: '1' } }));
  });

  it('Run All with a spec runs that spec; arguments of the wrong shape are not taken as a target', async () => {
    const { registry, requests } = setup();
    await registry.execute(RUN_ALL_TASKS, { specDir: '.kiro/specs/greet' });
    expect(requests).toEqual([{ channel: 'tasks/runAll', payload: { specDir: '.kiro/specs/greet' } }]);
    requests.length = 0;
    await registry.execute(START_TASK, { specDir: 42 });
    expect(requests.some((r) => r.channel === 'tasks/start')).toBe(false);
    expect(useQuickInput.getState().pick?.placeholder).toBe('Start which task?');
  });

  it('Resume of an interrupted Run all keeps the batch’s mode', async () => {
    const { requests, services } = setup();
    await resumeInterrupted(services, { batchId: 'b1', specDir: '.kiro/specs/greet', mode: 'autopilot' });
    expect(requests).toEqual([{ channel: 'tasks/runAll', payload: { specDir: '.kiro/specs/greet', mode: 'autopilot' } }]);
  });
});
