// memory.idle_rss_mb: resident memory of Keel's backend (the browser host's Node process) plus the renderer process
// showing the workbench on the example project, after it has settled. (In the browser host Chromium's own browser
// and GPU processes belong to the browser the user already runs, so they are not counted.)
// Baseline, measured in the same run: an idle bare Node process plus the renderer of a blank page in the same
// browser — what any Node backend + Chromium page costs before Keel adds anything.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { copyWorkspace, startHost } from '../e2e/fixtures/host';
import { launchChromium } from './browser';
import { report } from './report';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Proportional set size: shared pages (Chromium's and Node's own binaries) divided among the processes using them. */
function pssMb(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
}

function rendererPids(): Set<number> {
  const pids = new Set<number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes('--type=renderer') && !cmd.includes('--extension-process')) pids.add(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** The largest renderer among those not in `before` (others are spare, empty renderers). */
function newestRenderer(before: Set<number>): number {
  const ours = [...rendererPids()].filter((pid) => !before.has(pid));
  return ours.reduce((best, pid) => (rssMb(pid) > rssMb(best) ? pid : best), ours[0] ?? 0);
}

async function bareNodeRssMb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const mb = rssMb(child.pid!);
  child.kill();
  return mb;
}

const workspace = copyWorkspace();
const browser = await launchChromium();
const blankBefore = rendererPids();
const blank = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await blank.goto('about:blank');
await blank.setContent('<!doctype html><title>blank</title><p>blank</p>');
await blank.waitForTimeout(2000);
const blankPid = newestRenderer(blankBefore);
const baseline = (blankPid ? rssMb(blankPid) : 0) + (await bareNodeRssMb());
await blank.close();
const before = rendererPids();
const host = await startHost(workspace);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.waitForSelector('body[data-workbench-ready="true"]', { state: 'attached', timeout: 30_000 });
  // Open the spec's tasks like a user would, then let the page go idle.
  await page.locator('[data-testid="explorer-item"][data-path="README.md"]').click();
  await page.locator('[data-testid="editor"] .view-lines').waitFor();
  await page.waitForTimeout(3000);
  const rendererPid = newestRenderer(before);
  const renderer = rendererPid ? rssMb(rendererPid) : 0;
  const backend = rssMb(host.process.pid!);
  report({ name: 'memory.idle_rss_mb', value: backend + renderer, unit: 'MB', baseline, ratio: (backend + renderer) / baseline });
  report({ name: 'memory.host_rss_mb', value: backend, unit: 'MB' });
  report({ name: 'memory.renderer_rss_mb', value: renderer, unit: 'MB' });
  // RSS counts the shared executables in full; PSS is the fairer "what Keel costs" figure beside it.
  report({ name: 'memory.idle_pss_mb', value: pssMb(host.process.pid!) + (rendererPid ? pssMb(rendererPid) : 0), unit: 'MB' });
} finally {
  await browser.close();
  await host.stop();
  rmSync(workspace, { recursive: true, force: true });
}
