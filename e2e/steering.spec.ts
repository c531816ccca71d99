import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mod, runCommand, test } from './fixtures/test';

// The example folder brings a hook, so the trust prompt opens on first load: stay restricted (steering needs no trust).
test.beforeEach(async ({ page }) => {
  await page.addLocatorHandler(page.getByTestId('trust-dialog'), async () => {
    await page.getByTestId('trust-restricted').click();
  });
});

async function openSteering(page: Page) {
  await page.getByTestId('activity-steering').click();
  // The view's code loads on first show; on a loaded 2-core box that can take a few seconds.
  await expect(page.getByTestId('steering-view')).toBeVisible({ timeout: 15_000 });
}

const row = (page: Page, name: string) => page.locator(`[data-testid="steering-row"][data-name="${name}"]`);

test('lists the workspace steering with its inclusion; the pattern tester lists the files a pattern selects', async ({ workbench: page }) => {
  await openSteering(page);
  await expect(row(page, 'product').getByTestId('steering-inclusion')).toHaveText('Always');
  await expect(row(page, 'tech').getByTestId('steering-inclusion')).toHaveText('File match');
  await row(page, 'tech').getByRole('button', { name: /^tech/ }).click();
  const tester = row(page, 'tech').getByTestId('steering-tester');
  await expect(tester.getByTestId('steering-match-count')).toHaveText('3 files match');
  await expect(tester.getByTestId('steering-match')).toHaveText(['src/cli.js', 'src/store.js', 'src/store.test.js']);
  // Without a slash a pattern matches file names in any folder.
  await row(page, 'tech').getByTestId('steering-patterns').fill('*.test.js\npackage.json');
  await expect(tester.getByTestId('steering-match')).toHaveText(['package.json', 'src/store.test.js']);
  await row(page, 'tech').getByTestId('steering-patterns').fill('docs/**');
  await expect(tester.getByTestId('steering-match-count')).toHaveText('No workspace file matches.');
});

test('switching a file to fileMatch writes exactly the front matter lines Kiro writes', async ({ workbench: page, host }) => {
  const file = join(host.workspace, '.kiro/steering/product.md');
  const before = readFileSync(file, 'utf8');
  await openSteering(page);
  await row(page, 'product').getByRole('button', { name: /^product/ }).click();
  await row(page, 'product').getByLabel('File match').check();
  await expect(row(page, 'product').getByTestId('steering-save')).toBeDisabled();
  await row(page, 'product').getByTestId('steering-patterns').fill('src/**/*.js');
  await expect(row(page, 'product').getByTestId('steering-match-count')).toHaveText('3 files match');
  await row(page, 'product').getByTestId('steering-save').click();
  await expect(row(page, 'product').getByTestId('steering-inclusion')).toHaveText('File match');
  expect(readFileSync(file, 'utf8')).toBe(before.replace('---\ninclusion: always\n---\n', '---\ninclusion: fileMatch\nfileMatchPattern: "src/**/*.js"\n---\n'));
  await expect(row(page, 'product').getByTestId('steering-save')).toBeDisabled();
});

test('create defaults writes product, tech and structure starters', async ({ workbench: page, host }) => {
  const dir = join(host.workspace, '.kiro/steering');
  rmSync(join(dir, 'product.md'));
  rmSync(join(dir, 'tech.md'));
  await openSteering(page);
  await expect(page.getByTestId('steering-row')).toHaveCount(0);
  await page.getByTestId('steering-create-defaults').click();
  await expect(page.locator('[data-testid="steering-row"][data-source="workspace"]')).toHaveCount(3);
  expect(readFileSync(join(dir, 'product.md'), 'utf8')).toMatch(/^---\ninclusion: always\n---\n\n# Product Overview\n/);
  expect(readFileSync(join(dir, 'tech.md'), 'utf8')).toMatch(/^---\ninclusion: always\n---\n\n# Technology Stack\n/);
  expect(readFileSync(join(dir, 'structure.md'), 'utf8')).toMatch(/^---\ninclusion: always\n---\n\n# Project Structure\n/);
  // All three exist now: the button goes away rather than offering to overwrite.
  await expect(page.getByTestId('steering-create-defaults')).toHaveCount(0);
});

test('broken front matter shows an inline error and the file is left as it was', async ({ workbench: page, host }) => {
  const broken = '---\ninclusion: [always\n---\n# Notes\nKeep me.\n';
  const file = join(host.workspace, '.kiro/steering/notes.md');
  writeFileSync(file, broken);
  await openSteering(page);
  await row(page, 'notes').getByRole('button', { name: /^notes/ }).click();
  await expect(row(page, 'notes').getByTestId('steering-frontmatter-error')).toContainText('The front matter cannot be read');
  await expect(row(page, 'notes').getByRole('button', { name: 'Open to fix' })).toBeVisible();
  expect(readFileSync(file, 'utf8')).toBe(broken);
});

test('shows which steering applies to the active file', async ({ workbench: page }) => {
  await openSteering(page);
  await page.keyboard.press(`${mod}+p`);
  const input = page.getByTestId('quick-input').locator('input');
  await expect(input).toBeFocused();
  await input.fill('src/cli.js');
  await expect(page.getByTestId('quick-input-item').first()).toContainText('cli.js');
  await page.keyboard.press('Enter');
  const applies = page.getByTestId('steering-applies');
  await expect(applies.getByTestId('steering-applies-item')).toHaveText([/product\s*always included/, /tech\s*matches src\/\*\*\/\*\.js/]);
});

test('user-level steering is listed, a workspace file of the same name wins, and a new file on disk appears live', async ({ page, host }) => {
  const userSteering = join(host.userData, '.kiro/steering');
  mkdirSync(userSteering, { recursive: true });
  writeFileSync(join(userSteering, 'style.md'), '---\ninclusion: manual\n---\n# House style\n');
  writeFileSync(join(userSteering, 'tech.md'), '# My usual stack\n');
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await openSteering(page);
  const user = page.locator('[data-testid="steering-row"][data-source="user"]');
  await expect(user).toHaveCount(2);
  await expect(user.filter({ hasText: 'style' }).getByTestId('steering-inclusion')).toHaveText('Manual');
  await expect(user.filter({ hasText: 'tech' })).toContainText('overridden');
  writeFileSync(join(host.workspace, '.kiro/steering/testing.md'), "---\ninclusion: fileMatch\nfileMatchPattern: '*.test.js'\n---\n# Tests\n");
  await expect(row(page, 'testing').getByTestId('steering-inclusion')).toHaveText('File match');
});

test('opening a steering file opens it in the editor', async ({ workbench: page }) => {
  await openSteering(page);
  // The open button shows on hover, as row actions do in the explorer.
  await row(page, 'tech').hover();
  await row(page, 'tech').getByRole('button', { name: 'Open tech' }).click();
  await expect(page.locator('[data-testid="editor"][data-path=".kiro/steering/tech.md"]')).toContainText('fileMatchPattern');
});

test('screenshots of the Steering view in both themes', async ({ workbench: page, host }) => {
  writeFileSync(join(host.workspace, 'AGENTS.md'), '# Agents\nRun npm test before finishing.\n');
  writeFileSync(join(host.workspace, '.kiro/steering/notes.md'), '---\ninclusion: [always\n---\n# Notes\n');
  await openSteering(page);
  await page.keyboard.press(`${mod}+p`);
  await expect(page.getByTestId('quick-input').locator('input')).toBeFocused();
  await page.getByTestId('quick-input').locator('input').fill('src/cli.js');
  await expect(page.getByTestId('quick-input-item').first()).toContainText('cli.js');
  await page.keyboard.press('Enter');
  await row(page, 'tech').getByRole('button', { name: /^tech/ }).click();
  await expect(row(page, 'tech').getByTestId('steering-match-count')).toHaveText('3 files match');
  await expect(page.getByTestId('steering-applies-item')).toHaveCount(4);
  for (const theme of ['dark', 'light'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await runCommand(page, 'Toggle Light/Dark Theme');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.locator('.steering-scroll').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: test.info().outputPath(`steering-${theme}.png`) });
    await page.locator('.steering-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: test.info().outputPath(`steering-applies-${theme}.png`) });
  }
});
