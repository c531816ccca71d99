// hooks.save_to_start_p95_ms: from writing a file and reporting the save (as the editor does) to the hook's
// command process being started, through the real HooksEngine (default debounce) and a real child process.
// p95 over 100 saves. Baseline: spawning the same command directly (shell: true), no engine, p95.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HooksEngine } from '../electron/services/hooks/hooks-engine';
import { FakeTrust, ManualFileEvents, makeWorkspace, writeHook } from '../electron/services/hooks/test-support';
import { report, wanted } from './report';

const SAVES = 100;
const WARMUP = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function measureEngine(): Promise<number[]> {
  const root = makeWorkspace();
  mkdirSync(path.join(root, 'src'));
  writeHook(root, 'on-save', { name: 'On save', when: { type: 'fileEdited', patterns: ['src/**/*.ts'] }, then: { type: 'runCommand', command: 'true' } });
  const engine = await HooksEngine.start({ root, fileEvents: new ManualFileEvents(), trust: new FakeTrust() });
  const samples: number[] = [];
  try {
    for (let i = 0; i < SAVES + WARMUP; i++) {
      let startedAt = 0;
      const started = engine.onDidUpdateRun((run) => {
        if (run.status === 'running' && startedAt === 0) startedAt = performance.now();
      });
      const done = new Promise<void>((resolve) => {
        const sub = engine.onDidUpdateRun((run) => {
          if (run.status !== 'queued' && run.status !== 'running') {
            void sub.dispose();
            resolve();
          }
        });
      });
      const t0 = performance.now();
      await writeFile(path.join(root, 'src', 'app.ts'), `export const n = ${i};\n`);
      engine.notifySaved('src/app.ts');
      await done;
      await started.dispose();
      if (startedAt === 0) throw new Error(`Save ${i} did not start the hook command.`);
      if (i >= WARMUP) samples.push(startedAt - t0);
    }
  } finally {
    await engine.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  return samples;
}

async function measureSpawn(): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SAVES + WARMUP; i++) {
    const t0 = performance.now();
    const child = spawn('true', { shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const t1 = await new Promise<number>((resolve) => child.once('spawn', () => resolve(performance.now())));
    await new Promise((resolve) => child.once('close', resolve));
    if (i >= WARMUP) samples.push(t1 - t0);
  }
  return samples;
}

if (wanted('hooks.save_to_start_p95_ms')) {
  const engine = await measureEngine();
  const spawnOnly = await measureSpawn();
  const value = percentile(engine, 95);
  const baseline = percentile(spawnOnly, 95);
  report({ name: 'hooks.save_to_start_p95_ms', value, unit: 'ms', baseline, ratio: value / baseline });
}
