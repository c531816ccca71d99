// terminal.throughput_ratio: 100 MB through pty → contract → xterm in the page, against a raw node-pty read of the
// same command in Node. terminal.echo_p95_ms: keystroke → character on screen in one terminal while another floods.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import { spawn as spawnPty } from 'node-pty';
import { copyWorkspace, startHost } from '../e2e/fixtures/host';
import { launchChromium, percentile } from './browser';
import { report, wanted } from './report';

const BYTES = 100_000_000;
const LINE = 'Keel terminal throughput benchmark 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const FLOOD = `yes '${LINE}' | head -c ${BYTES}`;

/** Raw primitive: the same command read straight from node-pty, no flow control, nothing rendered. */
function rawPtyMbPerSecond(): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let bytes = 0;
    const pty = spawnPty('/bin/bash', ['-c', FLOOD], { cols: 160, rows: 40, cwd: process.cwd(), env: process.env });
    pty.onData((d) => (bytes += d.length));
    pty.onExit(() => resolve(bytes / 1e6 / ((performance.now() - t0) / 1000)));
  });
}

async function openTerminal(page: Page, nth: number) {
  if (nth === 0) await page.keyboard.press('Control+`');
  else await page.getByTestId('terminal-new').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="terminal-tab"]').length === n + 1, nth);
  await page.locator('[data-testid="terminal"]:visible .xterm-rows').waitFor();
  await page.locator('[data-testid="terminal"]:visible').click();
}

/** Resolves when the visible terminal's screen shows `text` (written by the shell, not typed). */
function screenShows(page: Page, text: string, timeout = 300_000) {
  return page.waitForFunction(
    (t) => document.querySelector('[data-testid="terminal"]:not([style*="display: none"]) .xterm-rows')?.textContent?.includes(t),
    text,
    { timeout, polling: 50 },
  );
}

async function keelThroughput(page: Page): Promise<number> {
  await openTerminal(page, 0);
  // The marker is computed by the shell so that the typed command line never matches it.
  await page.keyboard.type(`${FLOOD}; echo "DONE-$((20+22))"`);
  const t0 = performance.now();
  await page.keyboard.press('Enter');
  await screenShows(page, 'DONE-42');
  return BYTES / 1e6 / ((performance.now() - t0) / 1000);
}

async function echoLatencies(page: Page): Promise<number[]> {
  await openTerminal(page, 0);
  await page.keyboard.type('yes "flooding the other terminal"');
  await page.keyboard.press('Enter');
  await openTerminal(page, 1);
  await page.waitForTimeout(500);
  // Keydown time and the moment the echoed text lands in the terminal's rows are both taken in the page, by
  // listeners installed beforehand, so Playwright's own round trips are not part of the figure.
  await page.evaluate(() => {
    const w = window as unknown as { __keydowns: number[]; __expect: string; __shownAt: number | null };
    w.__keydowns = [];
    w.__expect = '\u0000';
    w.__shownAt = null;
    document.addEventListener('keydown', () => w.__keydowns.push(performance.now()), true);
    const rows = document.querySelector('[data-testid="terminal"] .xterm-rows')!;
    new MutationObserver(() => {
      if (w.__shownAt === null && rows.textContent?.includes(w.__expect)) w.__shownAt = performance.now();
    }).observe(rows, { subtree: true, childList: true, characterData: true });
  });
  const samples: number[] = [];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let round = 0; round < 4; round++) {
    let typed = 'echo ';
    await page.keyboard.type(typed);
    for (let i = 0; i < 25; i++) {
      typed += letters[(i + round) % letters.length];
      await page.evaluate((t) => {
        const w = window as unknown as { __expect: string; __shownAt: number | null };
        w.__expect = t;
        w.__shownAt = null;
      }, typed);
      await page.keyboard.press(typed.at(-1)!);
      const latency = await page.evaluate(async () => {
        const w = window as unknown as { __keydowns: number[]; __shownAt: number | null };
        while (w.__shownAt === null) await new Promise((r) => setTimeout(r, 5));
        return w.__shownAt - w.__keydowns.at(-1)!;
      });
      samples.push(latency);
    }
    await page.keyboard.press('Control+u');
  }
  return samples;
}

/** Runs one measurement on a fresh host and page, and always stops the host (and its terminals) afterwards. */
async function withWorkbench<T>(browser: Browser, workspace: string, body: (page: Page) => Promise<T>): Promise<T> {
  const host = await startHost(workspace);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx compiles with esbuild's keepNames, which wraps named inner functions of page.evaluate in a `__name` helper
  // that only exists in Node; give the page a no-op one.
  await page.addInitScript('globalThis.__name = (f) => f;');
  try {
    await page.goto(host.url);
    await page.waitForSelector('body[data-workbench-ready="true"]', { state: 'attached', timeout: 60_000 });
    return await body(page);
  } finally {
    await page.close();
    await host.stop();
  }
}

const workspace = copyWorkspace();
const browser = await launchChromium();
try {
  if (wanted('terminal.throughput_ratio')) {
    const baseline = await rawPtyMbPerSecond();
    const keel = await withWorkbench(browser, workspace, keelThroughput);
    report({ name: 'terminal.throughput_mb_s', value: keel, unit: 'MB/s', baseline });
    report({ name: 'terminal.throughput_ratio', value: keel / baseline, unit: 'ratio', baseline: 1 });
  }
  if (wanted('terminal.echo_p95_ms')) {
    const samples = await withWorkbench(browser, workspace, echoLatencies);
    report({ name: 'terminal.echo_p95_ms', value: percentile(samples, 95), unit: 'ms' });
    report({ name: 'terminal.echo_p50_ms', value: percentile(samples, 50), unit: 'ms' });
  }
} finally {
  await browser.close();
  rmSync(workspace, { recursive: true, force: true });
}
