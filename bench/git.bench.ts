/**
 * git benchmarks: `git.status_10k_ms` — the Source Control view's full status (GitService.status(): git status
 * porcelain v2 + parsing into groups) in a repository with 10,000 changed files (5,000 modified tracked files and
 * 5,000 untracked ones). Median of 9 runs after 2 warm-ups. `baseline` is a bare `git status --porcelain` spawned
 * on the same repository in the same run; `ratio` = value / baseline (the cost Keel adds on top of git).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitService } from '../electron/services/git/git-service';
import { report, wanted } from './report';

async function median(run: () => Promise<unknown> | unknown, runs = 9, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function repoWith10kChanges(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-bench-git-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  for (let d = 0; d < 50; d++) mkdirSync(join(dir, `src/m${d}`), { recursive: true });
  for (let i = 0; i < 5000; i++) writeFileSync(join(dir, `src/m${i % 50}/f${i}.ts`), `export const v${i} = ${i};\n`);
  git('add', '-A');
  git('commit', '-qm', 'base');
  for (let i = 0; i < 5000; i++) writeFileSync(join(dir, `src/m${i % 50}/f${i}.ts`), `export const v${i} = ${i + 1};\n`);
  for (let i = 0; i < 5000; i++) writeFileSync(join(dir, `src/m${i % 50}/new${i}.ts`), `export const n${i} = ${i};\n`);
  // Refresh the index's stat data once, as any git command in the user's terminal would have done.
  git('status', '--porcelain');
  return dir;
}

if (wanted('git.status_10k_ms')) {
  const dir = repoWith10kChanges();
  const service = new GitService({ folder: dir, onChanged: () => undefined, backupRoot: join(dir, '..', 'unused'), debounceMs: 1000 });
  try {
    const first = await service.status();
    if (first.counts.changes !== 10_000) throw new Error(`expected 10,000 changes, got ${first.counts.changes}`);
    const value = await median(() => service.status());
    const baseline = await median(() => spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    report({ name: 'git.status_10k_ms', value, unit: 'ms', baseline, ratio: value / baseline });
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
