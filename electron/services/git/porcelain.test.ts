import { describe, expect, it } from 'vitest';
import { parsePorcelainV2 } from './porcelain';

const rec = (...records: string[]) => records.join('\0') + '\0';

describe('parsePorcelainV2', () => {
  it('splits staged, unstaged, untracked and conflicted entries and reads the branch line', () => {
    const out = rec(
      '# branch.oid 1234567890abcdef',
      '# branch.head feature/x',
      '# branch.upstream origin/feature/x',
      '# branch.ab +2 -1',
      '1 MM N... 100644 100644 100644 aaa bbb src/both.ts',
      '1 A. N... 000000 100644 100644 000 ccc src/new file.ts',
      '1 .D N... 100644 100644 000000 ddd ddd gone.ts',
      '2 R. N... 100644 100644 100644 eee eee R100 src/to.ts',
      'src/from.ts',
      'u UU N... 100644 100644 100644 100644 h1 h2 h3 merge.ts',
      '? notes.md',
    );
    const s = parsePorcelainV2(out);
    expect(s).toMatchObject({ branch: 'feature/x', upstream: 'origin/feature/x', ahead: 2, behind: 1, detached: false, unborn: false });
    expect(s.staged).toEqual([
      { path: 'src/both.ts', kind: 'modified' },
      { path: 'src/new file.ts', kind: 'added' },
      { path: 'src/to.ts', from: 'src/from.ts', kind: 'renamed' },
    ]);
    expect(s.changes).toEqual([
      { path: 'src/both.ts', kind: 'modified' },
      { path: 'gone.ts', kind: 'deleted' },
      { path: 'notes.md', kind: 'untracked' },
    ]);
    expect(s.conflicts).toEqual([{ path: 'merge.ts', kind: 'conflicted' }]);
  });

  it('reports a detached HEAD by its short commit and a repository without commits as unborn', () => {
    expect(parsePorcelainV2(rec('# branch.oid 0123456789abcdef0123', '# branch.head (detached)'))).toMatchObject({ detached: true, branch: '01234567' });
    expect(parsePorcelainV2(rec('# branch.oid (initial)', '# branch.head main'))).toMatchObject({ unborn: true, branch: 'main' });
  });

  it('keeps only entries inside the workspace sub-folder, relative to it', () => {
    const s = parsePorcelainV2(rec('# branch.head main', '1 .M N... 1 1 1 a a app/src/x.ts', '? other/y.ts', '2 R. N... 1 1 1 a a R90 app/z.ts', 'lib/z.ts'), 'app/');
    expect(s.changes).toEqual([{ path: 'src/x.ts', kind: 'modified' }]);
    expect(s.staged).toEqual([{ path: 'z.ts', from: '../lib/z.ts', kind: 'renamed' }]);
  });
});
