import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileIndex } from './file-index';

let dir: string;

async function tree(files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const paths = async (index: FileIndex, query: string, limit = 50) =>
  (await index.query(query, limit)).matches.map((m) => m.path);

describe('quick open index', () => {
  it('ranks a file-name match above the same letters scattered over folders', async () => {
    await tree({
      'src/app.ts': '',
      'apps/web/public/index.html': '',
      'src/components/AppShell.tsx': '',
      'packages/a/p/p.txt': '',
      'README.md': '',
    });
    const index = new FileIndex(dir);
    const ranked = await paths(index, 'app');
    expect(ranked[0]).toBe('src/app.ts');
    expect(ranked).toContain('src/components/AppShell.tsx');
    expect(ranked).not.toContain('README.md');
    expect(ranked.indexOf('src/components/AppShell.tsx')).toBeLessThan(ranked.indexOf('packages/a/p/p.txt'));
  });

  it('matches path fragments and reports highlight positions inside the full path', async () => {
    await tree({ 'src/app.ts': '', 'test/app.ts': '' });
    const { matches } = await new FileIndex(dir).query('test/app', 10);
    expect(matches[0]?.path).toBe('test/app.ts');
    const first = matches[0];
    expect(first?.positions.map((i) => first.path[i]).join('')).toBe('test/app');
    const byName = (await new FileIndex(dir).query('app', 10)).matches[0];
    expect(byName?.positions.map((i) => byName.path[i]).join('')).toBe('app');
  });

  it('respects .gitignore files at the root and below, and always skips .git and node_modules', async () => {
    await tree({
      '.gitignore': 'dist/\n*.log\n!keep.log\n',
      'src/main.ts': '',
      'dist/main.js': '',
      'debug.log': '',
      'keep.log': '',
      'node_modules/lib/main.js': '',
      'packages/x/node_modules/y/main.js': '',
      '.git/objects/main': '',
      'packages/x/.gitignore': 'generated/\n',
      'packages/x/generated/main.ts': '',
      'packages/x/main.ts': '',
      'other/generated/main.ts': '',
    });
    const index = new FileIndex(dir);
    const found = await paths(index, 'main');
    expect(found.sort()).toEqual(['other/generated/main.ts', 'packages/x/main.ts', 'src/main.ts']);
    expect(await paths(index, 'log')).toEqual(['keep.log']);
  });

  it('lists files for an empty query, shortest paths first, and counts the whole index', async () => {
    await tree({ 'a/b/c.txt': '', 'z.txt': '', 'b.txt': '' });
    const result = await new FileIndex(dir).query('', 2);
    expect(result.matches.map((m) => m.path)).toEqual(['b.txt', 'z.txt']);
    expect(result.totalFiles).toBe(3);
  });

  it('stays current from watcher changes without walking again', async () => {
    await tree({ 'src/one.ts': '', 'src/old/two.ts': '' });
    const index = new FileIndex(dir);
    expect(await paths(index, 'ts')).toHaveLength(2);
    // Not on disk: proves the index uses the change, not a new walk.
    index.applyChanges([
      { type: 'created', path: 'src/three.ts', isDirectory: false },
      { type: 'deleted', path: 'src/old', isDirectory: true },
      { type: 'created', path: 'node_modules/x/four.ts', isDirectory: false },
    ]);
    expect((await paths(index, 'ts')).sort()).toEqual(['src/one.ts', 'src/three.ts']);
  });

  it('walks again after a .gitignore changed', async () => {
    await tree({ '.gitignore': 'build/\n', 'build/out.ts': '', 'src/in.ts': '' });
    const index = new FileIndex(dir);
    expect(await paths(index, '.ts')).toEqual(['src/in.ts']);
    await writeFile(path.join(dir, '.gitignore'), '');
    index.applyChanges([{ type: 'changed', path: '.gitignore', isDirectory: false }]);
    expect((await paths(index, '.ts')).sort()).toEqual(['build/out.ts', 'src/in.ts']);
  });
});
