import { describe, expect, it } from 'vitest';
import { addChip, chipLabel, findTrigger, foldersOf, kindSuggestions, removeTrigger, targetSuggestions, type ChipSources } from './chips';

const sources: ChipSources = {
  files: async (q) => ['src/app.ts', 'src/chat/view.tsx', 'README.md'].filter((p) => p.includes(q)),
  specs: async () => [
    { name: 'user-auth', dir: '.kiro/specs/user-auth' },
    { name: 'billing', dir: '.kiro/specs/billing' },
  ],
  steering: async () => [{ name: 'tech', path: '.kiro/steering/tech.md' }],
  terminals: () => [{ id: 't1', title: 'bash' }],
};

describe('findTrigger', () => {
  it('finds the provider being typed after a #', () => {
    expect(findTrigger('fix #fi', 7)).toEqual({ start: 4, end: 7, query: 'fi' });
    expect(findTrigger('#', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(findTrigger('see #git di', 11)).toMatchObject({ start: 4, query: 'git di' });
  });

  it('finds a target after provider and colon', () => {
    expect(findTrigger('look at #file:src/ap', 20)).toEqual({ start: 8, end: 20, kind: 'file', query: 'src/ap' });
    expect(findTrigger('#spec:', 6)).toMatchObject({ kind: 'spec', query: '' });
  });

  it('ignores # inside words, URLs and after the reference ended', () => {
    expect(findTrigger('a#b', 3)).toBeUndefined();
    expect(findTrigger('http://x.y/#top', 15)).toBeUndefined();
    expect(findTrigger('#file:a.ts and more', 19)).toBeUndefined();
    expect(findTrigger('#problems:x', 11)).toBeUndefined();
  });
});

describe('suggestions', () => {
  it('lists providers matching what is typed, those without a target becoming chips at once', () => {
    expect(kindSuggestions('f').map((s) => s.label)).toEqual(['#file', '#folder']);
    expect(kindSuggestions('gitd')[0]).toMatchObject({ label: '#git diff', action: { type: 'chip', chip: { kind: 'gitDiff' } } });
    expect(kindSuggestions('').length).toBe(10);
    expect(kindSuggestions('sk')[0]).toMatchObject({ label: '#skill', action: { type: 'provider', kind: 'skill' } });
    expect(kindSuggestions('spec')[0]!.action).toEqual({ type: 'provider', kind: 'spec' });
    // #terminal is the active terminal at once; #terminal: still picks another.
    expect(kindSuggestions('term')[0]!.action).toEqual({ type: 'chip', chip: { kind: 'terminal' } });
    expect(findTrigger('#terminal:ba', 12)).toMatchObject({ kind: 'terminal', query: 'ba' });
  });

  it('lists skills and powers from the host', async () => {
    const sources = { files: async () => [], specs: async () => [], steering: async () => [], terminals: () => [], skills: async () => [{ name: 'release', description: 'Cut a release' }, { name: 'review' }] };
    expect(await targetSuggestions('skill', 'rel', sources)).toEqual([{ label: 'release', description: 'Cut a release', action: { type: 'chip', chip: { kind: 'skill', target: 'release' } } }]);
    expect(await targetSuggestions('power', '', sources)).toEqual([]);
  });

  it('lists targets per provider', async () => {
    expect((await targetSuggestions('file', 'src', sources)).map((s) => s.label)).toEqual(['src/app.ts', 'src/chat/view.tsx']);
    expect((await targetSuggestions('spec', 'auth', sources))[0]!.action).toEqual({ type: 'chip', chip: { kind: 'spec', target: '.kiro/specs/user-auth' } });
    expect((await targetSuggestions('steering', '', sources))[0]!.action).toEqual({ type: 'chip', chip: { kind: 'steering', target: 'tech' } });
    expect((await targetSuggestions('terminal', '', sources))[0]).toMatchObject({ label: 'bash', action: { chip: { target: 't1' } } });
    expect((await targetSuggestions('folder', '', sources)).map((s) => s.label)).toEqual(['src', 'src/chat']);
  });
});

describe('chip editing', () => {
  it('removes the typed reference, keeping the rest of the prompt', () => {
    const text = 'explain #file:src/ap please';
    expect(removeTrigger(text, findTrigger(text, 20)!)).toEqual({ text: 'explain please', caret: 8 });
  });

  it('does not attach the same chip twice and labels chips as typed', () => {
    const chips = addChip(addChip([], { kind: 'file', target: 'a.ts' }), { kind: 'file', target: 'a.ts' });
    expect(chips).toHaveLength(1);
    expect(chipLabel({ kind: 'gitDiff' })).toBe('#git diff');
    expect(chipLabel({ kind: 'file', target: 'a.ts' })).toBe('#file:a.ts');
    expect(chipLabel({ kind: 'terminal', target: 't1' }, { terminal: () => 'bash' })).toBe('#terminal:bash');
    expect(chipLabel({ kind: 'terminal', target: 't1' })).toBe('#terminal');
    expect(foldersOf(['a/b/c.ts'])).toEqual(['a/b', 'a']);
  });
});
