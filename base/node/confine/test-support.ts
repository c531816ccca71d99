import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A workspace `ws/` beside a folder `outside/` holding what must never be read or written through `ws`. */
export async function insideAndOutside(): Promise<{ base: string; root: string; outside: string }> {
  const base = await realpath(await mkdtemp(path.join(tmpdir(), 'keel-confine-')));
  const root = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'real-dir'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(root, 'inside.txt'), 'inside\n');
  await writeFile(path.join(root, 'real-dir', 'f.txt'), 'inside dir\n');
  await writeFile(path.join(outside, 'secret.txt'), 'OUTSIDE SECRET\n');
  await writeFile(path.join(outside, 'f.txt'), 'OUTSIDE DIR FILE\n');
  await symlink(path.join(root, 'inside.txt'), path.join(root, 'link.txt'));
  await symlink(path.join(root, 'real-dir'), path.join(root, 'dir'));
  return { base, root, outside };
}

/**
 * Another process that swaps `link.txt` (file) and `dir` (folder) between their inside and outside targets as fast
 * as it can, each swap atomic (a prepared link renamed over the old one). Its own process, so the swaps really
 * interleave with every step of the operations under test.
 */
export function startSwapper(root: string, outside: string): ChildProcess {
  const script = `
    const fs = require('fs'), path = require('path');
    const [root, outside] = process.argv.slice(1);
    const pairs = [
      ['link.txt', path.join(root, 'inside.txt'), path.join(outside, 'secret.txt')],
      ['dir', path.join(root, 'real-dir'), outside],
    ];
    for (let i = 0; ; i++) {
      for (const [name, a, b] of pairs) {
        const tmp = path.join(root, '.swap-' + name);
        try { fs.unlinkSync(tmp); } catch {}
        fs.symlinkSync(i % 2 ? a : b, tmp);
        fs.renameSync(tmp, path.join(root, name));
      }
    }`;
  return spawn(process.execPath, ['-e', script, root, outside], { stdio: 'ignore' });
}
