import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Keel's package.json, found by walking up from a module's URL. Works both from the sources
 * (electron/serve.ts run by tsx) and from the bundle (dist/electron/serve.mjs), which sit at different depths.
 */
export function findRepoRoot(moduleUrl: string): string {
  return findRepoRootFrom(path.dirname(fileURLToPath(moduleUrl)));
}

/** The same, from a directory (the CommonJS Electron bundle knows its `__dirname`, not an import.meta.url). */
export function findRepoRootFrom(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${startDir}`);
    dir = parent;
  }
}

export function readVersion(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
