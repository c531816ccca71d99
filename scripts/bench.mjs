// Runs every bench/*.bench.ts (or those whose figures match the prefix given as the first argument) and lets each
// print its JSON lines. Usage: npm run bench [-- <name-prefix>]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = process.argv[2] ?? '';
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => {
    const family = f.replace(/\.bench\.ts$/, '');
    return prefix === '' || family.startsWith(prefix.split('.')[0]) || prefix.startsWith(family);
  })
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches "${prefix}".`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', file)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, KEEL_BENCH_PREFIX: prefix },
  });
  if (result.status !== 0) {
    console.error(`bench ${file} exited with ${result.status ?? result.signal}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
