import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mod, test } from './fixtures/test';

async function openFromExplorer(page: Page, path: string) {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    const row = page.locator(`[data-testid="explorer-item"][data-path="${dir}"]`);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  await page.locator(`[data-testid="explorer-item"][data-path="${path}"]`).click();
  await expect(page.locator(`[data-testid="editor"][data-path="${path}"] .view-lines`)).toBeVisible();
}

/** Puts the caret at the very start of the open editor. */
async function focusEditorStart(page: Page, path: string) {
  await page.locator(`[data-testid="editor"][data-path="${path}"] .view-lines`).click();
  await page.keyboard.press(`${mod}+Home`);
}

const tab = (page: Page, path: string) => page.locator(`[data-testid="editor-tab"][data-path="${path}"]`);

test('open a file from the explorer, type, save: the bytes on disk are the edit', async ({ workbench: page, host }) => {
  const file = join(host.workspace, 'src/store.js');
  const before = readFileSync(file, 'utf8');
  await openFromExplorer(page, 'src/store.js');
  await focusEditorStart(page, 'src/store.js');
  await page.keyboard.type('// Edited in Keel\n');
  await expect(tab(page, 'src/store.js').getByTestId('tab-dirty')).toBeVisible();
  await page.keyboard.press(`${mod}+s`);
  await expect(tab(page, 'src/store.js').getByTestId('tab-dirty')).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe('// Edited in Keel\n' + before);
});

test('a CRLF file with a BOM keeps both when edited and saved', async ({ workbench: page, host }) => {
  const file = join(host.workspace, 'windows.txt');
  writeFileSync(file, '\uFEFFfirst line\r\nsecond line\r\n');
  await expect(page.locator('[data-testid="explorer-item"][data-path="windows.txt"]')).toBeVisible();
  await openFromExplorer(page, 'windows.txt');
  await expect(page.getByTestId('status-eol')).toHaveText('CRLF');
  await expect(page.getByTestId('status-encoding')).toContainText('BOM');
  await focusEditorStart(page, 'windows.txt');
  await page.keyboard.press('End');
  await page.keyboard.type('!');
  await page.keyboard.press(`${mod}+s`);
  await expect(tab(page, 'windows.txt').getByTestId('tab-dirty')).toHaveCount(0);
  expect(readFileSync(file)).toEqual(Buffer.from('\uFEFFfirst line!\r\nsecond line\r\n', 'utf8'));
});

test('quick open ranks fuzzy matches and opens the chosen file', async ({ workbench: page }) => {
  await page.keyboard.press(`${mod}+p`);
  const input = page.getByTestId('quick-input').locator('input');
  await expect(input).toBeFocused();
  await input.fill('tpritasks');
  const first = page.getByTestId('quick-input-item').first();
  await expect(first).toContainText('tasks.md');
  await expect(first).toContainText('todo-priorities');
  await page.keyboard.press('Enter');
  await expect(tab(page, '.kiro/specs/todo-priorities/tasks.md')).toBeVisible();
  await expect(page.locator('[data-testid="editor"][data-path=".kiro/specs/todo-priorities/tasks.md"]')).toContainText('Implementation Plan');
});

test('the command palette lists commands with keybindings and runs the chosen one', async ({ workbench: page }) => {
  const themeBefore = await page.evaluate(() => document.documentElement.dataset.theme ?? document.body.className);
  await page.keyboard.press(`${mod}+Shift+p`);
  const input = page.getByTestId('quick-input').locator('input');
  await expect(input).toBeFocused();
  // Like VS Code, the palette opens with '>' (command mode); typing appends to it.
  await expect(input).toHaveValue('>');
  await page.keyboard.type('toggle theme');
  await expect(page.getByTestId('quick-input-item').first()).toContainText('Toggle Light/Dark Theme');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-input')).toHaveCount(0);
  const themeAfter = await page.evaluate(() => document.documentElement.dataset.theme ?? document.body.className);
  expect(themeAfter).not.toBe(themeBefore);

  await page.keyboard.press(`${mod}+Shift+p`);
  await page.keyboard.type('toggle terminal');
  const item = page.getByTestId('quick-input-item').first();
  await expect(item).toContainText('Toggle Terminal');
  await expect(item).toContainText('Ctrl+`');
  await expect(page.getByTestId('quick-input-item').filter({ hasText: 'Reopen Closed Editor' })).toHaveCount(0);
});

test('tabs: close, reopen closed with Ctrl+Shift+T, close others', async ({ workbench: page }) => {
  await openFromExplorer(page, 'README.md');
  await openFromExplorer(page, 'package.json');
  await openFromExplorer(page, 'src/cli.js');
  await expect(page.getByTestId('editor-tab')).toHaveCount(3);
  await page.keyboard.press(`${mod}+w`);
  await expect(page.getByTestId('editor-tab')).toHaveCount(2);
  await expect(tab(page, 'src/cli.js')).toHaveCount(0);
  await page.keyboard.press(`${mod}+Shift+t`);
  await expect(tab(page, 'src/cli.js')).toBeVisible();
  await tab(page, 'README.md').click({ button: 'right' });
  await page.getByText('Close Others').click();
  await expect(page.getByTestId('editor-tab')).toHaveCount(1);
  await expect(tab(page, 'README.md')).toBeVisible();
});

test('an external change under a dirty editor shows the conflict bar; both versions stay recoverable', async ({ workbench: page, host }) => {
  const file = join(host.workspace, 'package.json');
  const original = readFileSync(file, 'utf8');
  await openFromExplorer(page, 'package.json');
  await focusEditorStart(page, 'package.json');
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect(tab(page, 'package.json').getByTestId('tab-dirty')).toBeVisible();

  const theirs = original.replace('"1.0.0"', '"2.0.0"');
  writeFileSync(file, theirs);
  const bar = page.getByTestId('conflict-bar');
  await expect(bar).toBeVisible();
  // Nothing was overwritten on either side yet.
  expect(readFileSync(file, 'utf8')).toBe(theirs);

  await page.getByTestId('conflict-compare').click();
  await expect(page.getByTestId('diff-editor')).toBeVisible();
  await expect(page.getByTestId('diff-editor')).toContainText('2.0.0');

  await page.getByTestId('conflict-keep-mine').click();
  await expect(bar).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(original.replace('{', '{ '));
});

test('take theirs reloads the disk version into the editor', async ({ workbench: page, host }) => {
  const file = join(host.workspace, 'package.json');
  const original = readFileSync(file, 'utf8');
  await openFromExplorer(page, 'package.json');
  await focusEditorStart(page, 'package.json');
  await page.keyboard.type('x');
  const theirs = original.replace('tiny-todo', 'tiny-todo-renamed');
  writeFileSync(file, theirs);
  await expect(page.getByTestId('conflict-bar')).toBeVisible();
  await page.getByTestId('conflict-take-theirs').click();
  await expect(page.getByTestId('conflict-bar')).toHaveCount(0);
  await expect(page.locator('[data-testid="editor"][data-path="package.json"]')).toContainText('tiny-todo-renamed');
  await expect(tab(page, 'package.json').getByTestId('tab-dirty')).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(theirs);
});

test('a clean editor reloads silently when the file changes on disk', async ({ workbench: page, host }) => {
  await openFromExplorer(page, 'README.md');
  writeFileSync(join(host.workspace, 'README.md'), '# Rewritten elsewhere\n');
  await expect(page.locator('[data-testid="editor"][data-path="README.md"]')).toContainText('Rewritten elsewhere');
  await expect(page.getByTestId('conflict-bar')).toHaveCount(0);
});

test('keys pressed while the editor is still loading stay where the user sent them (Monaco does not take focus late)', async ({ page, host }) => {
  // Hold Monaco's chunk back (the workbench prefetches it when idle), as a slow machine would, until the user has
  // moved on to the chat.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/monacoModule-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  const row = page.locator('[data-testid="explorer-item"][data-path="README.md"]');
  await row.click();
  await row.press('Enter'); // asks the editor to take the keyboard once it is ready
  await page.keyboard.press(`${mod}+l`);
  const input = page.getByTestId('chat-input');
  await expect(input).toBeFocused();
  release();
  await expect(page.locator('[data-testid="editor"][data-path="README.md"] .view-lines')).toBeVisible();
  await page.keyboard.type('hello');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('hello');
  await expect(tab(page, 'README.md').getByTestId('tab-dirty')).toHaveCount(0);
});
