import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { CORPUS_SPECS, corpusWorkspace } from './fixtures/specs/corpus';
import { startHost } from './fixtures/host';
import { expect, runCommand, test } from './fixtures/test';

/** Screenshots of every spec pane in both themes, on real corpus specs, for a person to judge (not compared). */
async function shoot(page: Page, name: string) {
  for (const theme of ['dark', 'light'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await runCommand(page, 'Toggle Light/Dark Theme');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.screenshot({ path: test.info().outputPath(`specs-${name}-${theme}.png`) });
  }
}

test('screenshots of the spec panes in both themes', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startHost(corpusWorkspace([CORPUS_SPECS.feature, CORPUS_SPECS.bugfix]), { trust: 'undecided' });
  try {
    await page.addLocatorHandler(page.getByTestId('trust-dialog'), async () => {
      await page.getByTestId('trust-restricted').click();
    });
    await page.goto(host.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await page.getByTestId('activity-specs').click();
    await expect(page.getByTestId('specs-view')).toBeVisible();
    await page.locator('[data-testid="spec-row"][data-spec="lambda-durable-function"]').click();
    await page.getByTestId('spec-tab-requirements').click();
    await expect(page.getByTestId('requirements-pane')).toBeVisible();
    await shoot(page, 'requirements');
    await page.getByTestId('spec-tab-design').click();
    await expect(page.getByTestId('mermaid-diagram').first()).toBeVisible();
    await shoot(page, 'design');
    await page.getByTestId('spec-tab-tasks').click();
    await page.locator('[data-testid="task-row"][data-task-id="4.1"]').hover();
    await shoot(page, 'tasks');
    await page.getByTestId('spec-tab-trace').click();
    await expect(page.getByTestId('trace-matrix')).toBeVisible();
    await runCommand(page, 'Show Problems');
    await expect(page.getByTestId('problems-panel')).toBeVisible();
    await shoot(page, 'traceability');
    await page.locator('[data-testid="spec-row"][data-spec="dukascopy-file-not-found-fix"]').click();
    await page.getByTestId('spec-tab-requirements').click();
    await expect(page.getByTestId('bugfix-pane')).toBeVisible();
    await shoot(page, 'bugfix');
  } finally {
    await host.stop();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});
