import { describe, expect, it } from 'vitest';
import { touchesSpecs } from './specsStore';

describe('touchesSpecs', () => {
  const change = (path: string) => ({ type: 'changed' as const, path, isDirectory: false });
  it('reloads the Specs view for changes in spec folders, nested ones included, and for .kiro itself', () => {
    expect(touchesSpecs([change('.kiro/specs/a/tasks.md')])).toBe(true);
    expect(touchesSpecs([change('packages/x/.kiro/specs/a/design.md')])).toBe(true);
    expect(touchesSpecs([{ type: 'deleted', path: '.kiro', isDirectory: true }])).toBe(true);
    expect(touchesSpecs([change('.kiro/steering/tech.md'), change('src/specs/a.ts')])).toBe(false);
  });
});
