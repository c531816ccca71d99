// search.first_result_ms: from starting a search through the workbench's SearchService (ripgrep, --json parsed as a
//   stream) to the first batch of matches reaching the caller. Baseline: time to the first path printed by
//   `rg --files` over the same tree.
// search.full_100k_ms: a whole search of a 100,000-file tree (100 files match) to its last batch. Baseline: a full
//   `rg --files` over the same tree (listing only, no reading). ratio = value / baseline. Median of 5 runs each.
// The tree is generated once in the temp dir and reused by later runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ripgrepBinary } from '../electron/services/search/ripgrep-binary';
import { SearchService } from '../electron/services/search/search-service';
import { WorkspaceFs } from '../electron/services/workspace/workspace-fs';
import { report, wanted } from './report';

const FILES = 100_000;
const PER_DIR = 200;
const RUNS = 5;
const NEEDLE = 'keelbenchneedle';

function ensureTree(): string {
  const root = path.join(tmpdir(), 'keel-search-bench-100k-v1');
  const marker = path.join(root, '.tree-complete');
  if (existsSync(marker)) return root;
  console.error(`search bench: generating ${FILES.toLocaleString('en-US')} files in ${root} (once)…`);
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / PER_DIR) % 50}`, `mod${Math.floor(i / PER_DIR)}`);
    if (i % PER_DIR === 0) mkdirSync(dir, { recursive: true });
    const needle = i % 1000 === 500 ? `// ${NEEDLE} here\n` : '';
    writeFileSync(path.join(dir, `file${i}.ts`), `export const value${i} = ${i};\n${needle}export function f${i}() {\n  return value${i} * 2;\n}\n`);
  }
  writeFileSync(marker, '');
  return root;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** `rg --files` over the tree: ms to the first path and to the end. */
function rgFiles(rg: string, root: string): Promise<{ first: number; total: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = 0;
    const child = spawn(rg, ['--files', '--hidden', '--no-config', '--no-require-git', '--glob', '!.git'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => {
      if (first === 0) first = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ first, total: performance.now() - t0 }));
  });
}

async function searchOnce(service: SearchService): Promise<{ first: number; total: number; matches: number }> {
  const t0 = performance.now();
  const id = await service.start({ pattern: NEEDLE, maxResults: 20_000 }, 'bench');
  let first = 0;
  for (;;) {
    const batch = await service.next(id);
    if (first === 0 && batch.files.length > 0) first = performance.now() - t0;
    if (batch.done) return { first, total: performance.now() - t0, matches: batch.summary.matches };
  }
}

async function main(): Promise<void> {
  if (!wanted('search.first_result_ms') && !wanted('search.full_100k_ms')) return;
  const root = ensureTree();
  const rg = await ripgrepBinary();
  const service = new SearchService(await WorkspaceFs.open(root));
  // Warm the page cache for both, so neither pays for the first cold read.
  await rgFiles(rg, root);
  await searchOnce(service);
  const ours: { first: number; total: number }[] = [];
  const base: { first: number; total: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so a busy moment on the machine hits both sides alike.
    base.push(await rgFiles(rg, root));
    const run = await searchOnce(service);
    if (run.matches !== FILES / 1000) throw new Error(`expected ${FILES / 1000} matches, got ${run.matches}`);
    ours.push(run);
  }
  service.dispose();
  const first = median(ours.map((r) => r.first));
  const firstBase = median(base.map((r) => r.first));
  report({ name: 'search.first_result_ms', value: first, unit: 'ms', baseline: firstBase, ratio: first / firstBase });
  const full = median(ours.map((r) => r.total));
  const fullBase = median(base.map((r) => r.total));
  report({ name: 'search.full_100k_ms', value: full, unit: 'ms', baseline: fullBase, ratio: full / fullBase });
}

await main();
