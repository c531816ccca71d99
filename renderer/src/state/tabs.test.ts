import { describe, expect, it } from 'vitest';
import { createTabsStore } from './tabs';

const setup = (...paths: string[]) => {
  const store = createTabsStore();
  for (const p of paths) store.getState().open(p);
  return store;
};

describe('editor tabs', () => {
  it('opens new tabs right of the active one and re-activates an open tab instead of duplicating it', () => {
    const s = setup('a', 'b');
    s.getState().activate('a');
    s.getState().open('c');
    expect(s.getState().tabs).toEqual(['a', 'c', 'b']);
    s.getState().open('b');
    expect(s.getState().tabs).toEqual(['a', 'c', 'b']);
    expect(s.getState().active).toBe('b');
  });

  it('closing the active tab activates the previously active one', () => {
    const s = setup('a', 'b', 'c');
    s.getState().activate('a');
    s.getState().activate('c');
    s.getState().close('c');
    expect(s.getState().active).toBe('a');
    expect(s.getState().tabs).toEqual(['a', 'b']);
    s.getState().close('b');
    expect(s.getState().active).toBe('a');
    s.getState().close('a');
    expect(s.getState().active).toBeNull();
  });

  it('close others keeps only the given tab, and reopen brings each back in place', () => {
    const s = setup('a', 'b', 'c', 'd');
    s.getState().closeOthers('b');
    expect(s.getState().tabs).toEqual(['b']);
    expect(s.getState().active).toBe('b');
    expect(s.getState().reopenClosed()).toBe('a');
    expect(s.getState().reopenClosed()).toBe('c');
    expect(s.getState().reopenClosed()).toBe('d');
    expect(s.getState().tabs).toEqual(['a', 'b', 'c', 'd']);
    expect(s.getState().active).toBe('d');
    expect(s.getState().reopenClosed()).toBeNull();
  });

  it('reopens single closes last-closed first', () => {
    const s = setup('a', 'b', 'c');
    s.getState().close('a');
    s.getState().close('c');
    expect(s.getState().reopenClosed()).toBe('c');
    expect(s.getState().reopenClosed()).toBe('a');
    expect(s.getState().tabs).toEqual(['a', 'b', 'c']);
  });

  it('reopen skips tabs that were opened again meanwhile', () => {
    const s = setup('a', 'b');
    s.getState().close('a');
    s.getState().close('b');
    s.getState().open('b');
    expect(s.getState().reopenClosed()).toBe('a');
    expect(s.getState().tabs).toEqual(['a', 'b']);
  });

  it('cycles through tabs', () => {
    const s = setup('a', 'b', 'c');
    s.getState().activateRelative(1);
    expect(s.getState().active).toBe('a');
    s.getState().activateRelative(-1);
    expect(s.getState().active).toBe('c');
  });

  it('follows a renamed folder', () => {
    const s = setup('src/a.ts', 'srcx/b.ts', 'src/deep/c.ts');
    s.getState().rename('src', 'lib');
    expect(s.getState().tabs).toEqual(['lib/a.ts', 'srcx/b.ts', 'lib/deep/c.ts']);
    expect(s.getState().active).toBe('lib/deep/c.ts');
  });
});
