import { describe, expect, it } from 'vitest';
import { parseScmDiffTab, scmDiffTabId, scmDiffTitle } from './scmDiffTab';

describe('scm diff tabs', () => {
  it('round-trip side and path (paths may contain colons) and are titled like VS Code', () => {
    const tab = scmDiffTabId('src/a:b.ts', 'staged');
    expect(tab).toBe('scm-diff:staged:src/a:b.ts');
    expect(parseScmDiffTab(tab)).toEqual({ side: 'staged', path: 'src/a:b.ts' });
    expect(scmDiffTitle(tab)).toBe('a:b.ts (Index)');
    expect(scmDiffTitle(scmDiffTabId('x.md', 'changes'))).toBe('x.md (Working Tree)');
  });
});
