// Decides whether dist/ must be rebuilt: any source or config file newer than the last build's stamp.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const stampPath = join(repoRoot, 'dist', '.build-stamp');

const sourceDirs = ['protocol', 'specs-schema', 'agent', 'electron', 'renderer', 'cli'];
const sourceFiles = ['package.json', 'package-lock.json', 'vite.config.mts', 'scripts/build.mjs'];

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

export function isBuildStale() {
  if (!existsSync(stampPath)) return true;
  const built = statSync(stampPath).mtimeMs;
  const paths = [...sourceDirs, ...sourceFiles].map((p) => join(repoRoot, p));
  return paths.some((p) => newestMtime(p) > built);
}
