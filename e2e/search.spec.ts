import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mod, test } from './fixtures/test';

function write(root: string, files: Record<string, string>) {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

async function openSearch(page: Page) {
  await page.keyboard.press(`${mod}+Shift+f`);
  const input = page.getByRole('textbox', { name: 'Search', exact: true });
  await expect(input).toBeFocused();
  return input;
}

const resultFiles = (page: Page) => page.getByTestId('search-file');

async function resultPaths(page: Page): Promise<string[]> {
  return (await resultFiles(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''))).sort();
}

test('find: results grouped by file with counts; clicking a line opens the file at the match; F4 steps', async ({ workbench: page, host }) => {
  write(host.workspace, {
    'notes/alpha.txt': 'first line\n  the zebrafish swims\nzebrafish again, zebrafish\n',
    'notes/beta.md': 'no match here\nA ZEBRAFISH shouts\n',
  });
  const input = await openSearch(page);
  await input.fill('zebrafish');
  await expect(page.getByTestId('search-message')).toHaveText('4 results in 2 files');
  expect(await resultPaths(page)).toEqual(['notes/alpha.txt', 'notes/beta.md']);
  const alpha = page.locator('[data-testid="search-file"][data-path="notes/alpha.txt"]');
  await expect(alpha.locator('.search-count')).toHaveText('3');
  await expect(page.locator('.search-match').first()).toHaveText('zebrafish');

  // Click the second line of alpha.txt: the editor opens with the match selected (line 3, columns 1–10).
  await page.getByTestId('search-line').filter({ hasText: 'again' }).click();
  await expect(page.locator('[data-testid="editor"][data-path="notes/alpha.txt"] .view-lines')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toContainText('Ln 3, Col 10');
  await expect(page.getByTestId('status-cursor')).toContainText('9 selected');

  // F4 walks the matches in order across files; Shift+F4 goes back.
  await page.keyboard.press('F4'); // the clicked line's first match is the cursor: next is its second match
  await expect(page.getByTestId('status-cursor')).toContainText('Ln 3, Col 27');
  await page.keyboard.press('F4');
  await expect(page.locator('[data-testid="editor"][data-path="notes/beta.md"] .view-lines')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toContainText('Ln 2, Col 12');
  await page.keyboard.press('Shift+F4');
  await expect(page.locator('[data-testid="editor"][data-path="notes/alpha.txt"] .view-lines')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toContainText('Ln 3, Col 27');

  // Keyboard: Down from the query into the results, Down again, Enter opens that match with focus in the editor.
  await input.focus();
  await input.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="editor"][data-path="notes/alpha.txt"] .view-lines')).toBeVisible();
  await expect(page.getByTestId('status-cursor')).toContainText('Ln 3, Col 10');

  // Match case narrows it down.
  await page.getByRole('button', { name: 'Match Case' }).click();
  await expect(page.getByTestId('search-message')).toHaveText('3 results in 1 file');
});

test('replace all: preview the diff, replace (a dirty editor keeps its unsaved text), then undo', async ({ workbench: page, host }) => {
  write(host.workspace, {
    'lib/one.js': 'const oldName = 1;\nexport { oldName };\n',
    'lib/two.js': '// uses oldName\n',
  });
  // Open two.js and type something without saving.
  const input = await openSearch(page);
  await input.fill('oldName');
  await expect(page.getByTestId('search-message')).toHaveText('3 results in 2 files');
  await page.getByTestId('search-line').filter({ hasText: 'uses oldName' }).click();
  const twoEditor = page.locator('[data-testid="editor"][data-path="lib/two.js"]');
  await expect(twoEditor.locator('.view-lines')).toBeVisible();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('// my unsaved line');
  await expect(page.locator('[data-testid="editor-tab"][data-path="lib/two.js"]').getByTestId('tab-dirty')).toBeVisible();

  await page.getByRole('button', { name: 'Toggle Replace' }).click();
  await page.getByRole('textbox', { name: 'Replace', exact: true }).fill('newName');
  await expect(page.locator('.search-inserted').first()).toHaveText('newName');
  await page.getByRole('button', { name: 'Replace All' }).click();
  const preview = page.getByTestId('replace-preview');
  await expect(preview).toContainText('Replace 3 occurrences in 2 files');
  await expect(preview.getByTestId('diff-editor')).toBeVisible();
  await expect(preview.getByTestId('diff-editor')).toContainText('newName');
  await preview.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(preview).toHaveCount(0);

  await expect(page.getByTestId('search-undo')).toContainText('Replaced 3 occurrences in 2 files');
  expect(readFileSync(join(host.workspace, 'lib/one.js'), 'utf8')).toBe('const newName = 1;\nexport { newName };\n');
  // two.js was dirty: replaced in the editor, not on disk, and the user's line is still there.
  expect(readFileSync(join(host.workspace, 'lib/two.js'), 'utf8')).toBe('// uses oldName\n');
  await expect(twoEditor.locator('.view-lines')).toContainText('uses newName');
  await expect(twoEditor.locator('.view-lines')).toContainText('my unsaved line');
  // Unsaved editors are searched in their text: nothing is left to replace, though two.js on disk is unchanged.
  await expect(page.getByTestId('search-message')).toHaveText('No results found. Check ignore files.');

  await page.getByTestId('search-undo').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('search-message')).toHaveText('3 results in 2 files');
  expect(readFileSync(join(host.workspace, 'lib/one.js'), 'utf8')).toBe('const oldName = 1;\nexport { oldName };\n');
  await expect(twoEditor.locator('.view-lines')).toContainText('uses oldName');
  await expect(twoEditor.locator('.view-lines')).toContainText('my unsaved line');
});

test('files to include / exclude narrow the search', async ({ workbench: page, host }) => {
  write(host.workspace, { 'g/a.ts': 'globword', 'g/b.md': 'globword', 'h/c.ts': 'globword' });
  const input = await openSearch(page);
  await input.fill('globword');
  await expect(resultFiles(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Files to include / exclude…' }).click();
  await page.getByRole('textbox', { name: 'files to include' }).fill('*.ts');
  await expect.poll(() => resultPaths(page)).toEqual(['g/a.ts', 'h/c.ts']);
  await page.getByRole('textbox', { name: 'files to exclude' }).fill('h');
  await expect.poll(() => resultPaths(page)).toEqual(['g/a.ts']);
  await page.getByRole('textbox', { name: 'files to include' }).fill('');
  await expect.poll(() => resultPaths(page)).toEqual(['g/a.ts', 'g/b.md']);
});

test('.gitignore and .kiroignore are respected unless the user asks for ignored files', async ({ workbench: page, host }) => {
  write(host.workspace, {
    '.gitignore': 'generated/\n',
    '.kiroignore': 'private.txt\n',
    'generated/out.txt': 'marmalade',
    'private.txt': 'marmalade',
    'kept.txt': 'marmalade',
  });
  const input = await openSearch(page);
  await input.fill('marmalade');
  await expect.poll(() => resultPaths(page)).toEqual(['kept.txt']);
  await page.getByRole('button', { name: 'Files to include / exclude…' }).click();
  await page.getByRole('checkbox', { name: 'Skip files in .gitignore and .kiroignore' }).uncheck();
  await expect.poll(() => resultPaths(page)).toEqual(['generated/out.txt', 'kept.txt', 'private.txt']);
});

test('an invalid regular expression shows its error at the input', async ({ workbench: page }) => {
  const input = await openSearch(page);
  await page.getByRole('button', { name: 'Use Regular Expression' }).click();
  await input.fill('export (');
  await expect(page.getByTestId('search-error')).toHaveText('Invalid regular expression: Unterminated group');
  await expect(resultFiles(page)).toHaveCount(0);
  await input.press('End');
  await input.type(')');
  await expect(page.getByTestId('search-error')).toHaveCount(0);
  await expect(resultFiles(page).first()).toBeVisible();
});
