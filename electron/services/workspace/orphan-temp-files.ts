import { opendir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive, keelTempOwner } from '../../../base/node/confine';

const SKIP = new Set(['.git', 'node_modules']);

/**
 * Removes the temp and backup files Keel processes that are gone left in the folder (a save or an apply killed
 * mid-way: `.a.txt.keel-<pid>-<hex>.tmp|.bak`). A live Keel's files (another window on the same folder) stay.
 * Run after the apply journals were recovered: by then no backup holds the only copy of anything.
 * Symlinked folders are not entered. Returns the removed paths.
 */
export async function removeOrphanedTempFiles(root: string): Promise<string[]> {
  const removed: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      continue;
    }
    for await (const entry of handle) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) stack.push(abs);
        continue;
      }
      const owner = entry.isFile() ? keelTempOwner(entry.name) : undefined;
      if (owner === undefined || isProcessAlive(owner)) continue;
      if (await unlink(abs).then(() => true, () => false)) removed.push(abs);
    }
  }
  return removed;
}
