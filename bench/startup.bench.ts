// startup.interactive_ms: from spawning the browser host to an interactive workbench (explorer listed) in a fresh,
// cold-cache browser context. Median of several runs; Chromium itself is already running, as an installed desktop
// app's shell would be loaded from disk.
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { copyWorkspace, startHost } from '../e2e/fixtures/host';
import { launchChromium, median } from './browser';
import { report } from './report';

const RUNS = 5;
const browser = await launchChromium();
const workspace = copyWorkspace();
const times: number[] = [];
const hostOnly: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    const host = await startHost(workspace);
    const tHost = performance.now();
    await page.goto(host.url);
    await page.waitForSelector('body[data-workbench-ready="true"]', { state: 'attached', timeout: 30_000 });
    const t1 = performance.now();
    times.push(t1 - t0);
    hostOnly.push(tHost - t0);
    await context.close();
    await host.stop();
  }
} finally {
  await browser.close();
  rmSync(workspace, { recursive: true, force: true });
}
report({ name: 'startup.interactive_ms', value: median(times), unit: 'ms' });
report({ name: 'startup.host_ready_ms', value: median(hostOnly), unit: 'ms' });
