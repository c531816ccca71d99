import { beforeEach, describe, expect, it } from 'vitest';
import { useTerminals } from './terminals';

const tab = (id: string) => ({ id, title: 'bash', exitCode: null });

describe('terminal tabs', () => {
  beforeEach(() => useTerminals.setState({ terminals: [], active: null, restored: false }));

  it('activates a new terminal and does not list one twice (a restore racing a create)', () => {
    const s = useTerminals.getState();
    s.add(tab('t1'));
    s.add(tab('t2'));
    s.add(tab('t1'));
    expect(useTerminals.getState().terminals.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(useTerminals.getState().active).toBe('t2');
  });

  it('keeps an exited terminal with its code, and removing the active one activates its neighbour', () => {
    const s = useTerminals.getState();
    s.add(tab('t1'));
    s.add(tab('t2'));
    s.add(tab('t3'));
    s.exited('t2', 130);
    expect(useTerminals.getState().terminals[1]).toMatchObject({ id: 't2', exitCode: 130 });
    s.activate('t2');
    s.remove('t2');
    expect(useTerminals.getState().active).toBe('t3');
    s.remove('t3');
    expect(useTerminals.getState().active).toBe('t1');
    s.remove('t1');
    expect(useTerminals.getState().active).toBeNull();
  });
});
