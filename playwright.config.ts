import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/fixtures/chromium';

// e2e tests drive the browser host in Debian's Chromium (Playwright's own browser download is not possible here).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI only: the CI machines are shared and noisy (a page can miss a 10 s expectation under a load of
  // 15 on 2 cores). A test that passes only on its retry is listed as "flaky" in the report — read it, don't ignore it.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
