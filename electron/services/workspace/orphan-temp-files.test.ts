import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeOrphanedTempFiles } from './orphan-temp-files';

describe('removeOrphanedTempFiles', () => {
  it("removes the temp files of a Keel that is gone, keeps a live one's and everything a user made", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'keel-orphans-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid is free
    await mkdir(path.join(root, 'src'));
    const names = [`src/.a.txt.keel-${dead}-0badcafe.tmp`, `.b.txt.keel-${dead}-12345678.bak`, `src/.c.txt.keel-${process.pid}-abcdef01.tmp`, 'src/a.txt', 'src/a.txt.123', '.d.keel-x.tmp'];
    for (const n of names) await writeFile(path.join(root, n), 'x');
    const removed = await removeOrphanedTempFiles(root);
    expect(removed.map((r) => path.relative(root, r)).sort()).toEqual([names[1], names[0]].sort());
    expect((await readdir(path.join(root, 'src'))).sort()).toEqual(['.c.txt.keel-' + process.pid + '-abcdef01.tmp', 'a.txt', 'a.txt.123'].sort());
  });
});
