import { describe, expect, it } from 'vitest';
import { segments, splitPath } from './highlight';

describe('quick open highlights', () => {
  it('groups matched characters into runs', () => {
    expect(segments('index.ts', [0, 1, 6])).toEqual([
      { text: 'in', match: true },
      { text: 'dex.', match: false },
      { text: 't', match: true },
      { text: 's', match: false },
    ]);
  });

  it('splits a path into name and folder, each keeping its own matched characters', () => {
    const r = splitPath('src/app/main.ts', [0, 8, 9]);
    expect(r.name).toBe('main.ts');
    expect(r.dir).toBe('src/app');
    expect(r.label).toEqual([
      { text: 'ma', match: true },
      { text: 'in.ts', match: false },
    ]);
    expect(r.description[0]).toEqual({ text: 's', match: true });
    expect(splitPath('README.md', [0]).dir).toBe('');
  });
});
