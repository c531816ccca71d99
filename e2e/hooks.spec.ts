import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHookFile } from '../specs-schema';
import { decideTrust, editAndSave, expect, openFile, showHooks, test } from './fixtures/hooks/hooks-test';

test('saving a matching file runs the runCommand hook; its output appears in the run log', async ({ workbench: page }) => {
  await decideTrust(page, 'trust');
  await showHooks(page);
  await expect(page.locator('[data-testid="hook-row"][data-hook=".kiro/hooks/echo-on-save.kiro.hook"]')).toContainText('Echo on save');
  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'edited ');
  await showHooks(page);
  const run = page.getByTestId('run-row').first();
  await expect(run).toHaveAttribute('data-status', 'succeeded');
  await run.locator('.run-row-top').click();
  await expect(run.getByTestId('run-output')).toHaveText('hook saw src/notes.txt');
});

test('saving a file the patterns do not match runs nothing', async ({ workbench: page }) => {
  await decideTrust(page, 'trust');
  await showHooks(page);
  await openFile(page, 'src/app.js');
  await editAndSave(page, 'src/app.js', '// edited\n');
  // Then a matching save: its run is the only one in the log, so the first save started none.
  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'x');
  await showHooks(page);
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row').first()).toContainText('src/notes.txt');
});

test('the hook form writes a hook that validates against the schema, with a live pattern preview', async ({ workbench: page, host }) => {
  await decideTrust(page, 'trust');
  await showHooks(page);
  await page.getByTestId('hook-new').click();
  const editor = page.getByTestId('hook-editor');
  await expect(editor).toBeVisible();
  // Inline schema errors while the hook is incomplete.
  await expect(editor.getByTestId('error-name')).toContainText('needs a name');
  await expect(editor.getByTestId('error-then.command')).toContainText('must not be empty');
  await editor.getByTestId('hook-name').fill('Docs check');
  await editor.getByTestId('hook-patterns').fill('docs/**/*.md\nsrc/*.js');
  await expect(editor.getByTestId('pattern-preview')).toContainText('2 files match');
  await expect(editor.getByTestId('pattern-match')).toHaveText(['docs/readme.md', 'src/app.js']);
  await editor.getByTestId('hook-patterns').fill('nothing/**');
  await expect(editor.getByTestId('pattern-preview')).toContainText('No file in the workspace matches');
  await editor.getByTestId('hook-patterns').fill('docs/**/*.md');
  await editor.getByTestId('hook-command').fill('echo checked');
  await editor.getByTestId('hook-timeout').fill('30');
  await expect(editor.getByTestId('error-name')).toHaveCount(0);
  await expect(editor.getByTestId('error-then.command')).toHaveCount(0);
  await editor.getByTestId('hook-save').click();

  // New hooks are written in Kiro 1.0's format: a v1 .json file, the glob turned into a path regex.
  const file = '.kiro/hooks/docs-check.json';
  await expect(page.locator(`[data-testid="hook-row"][data-hook="${file}#0"]`)).toContainText('Docs check');
  await expect(page.locator(`[data-testid="hook-row"][data-hook="${file}#0"]`).getByTestId('hook-format')).toHaveText('v1');
  const text = readFileSync(join(host.workspace, file), 'utf8');
  const doc = parseHookFile(text);
  expect(doc.diagnostics).toEqual([]);
  expect(doc.entries).toEqual([{ format: 'v1', index: 0, name: 'Docs check', trigger: 'PostFileSave', matcher: '^docs/(?:.*/)?[^/]*\\.md$', action: { type: 'command', command: 'echo checked', timeout: 30 }, enabled: true }]);
  // Written in Keel, so it stays approved: no re-approval asked.
  await expect(page.getByTestId('approval-dialog')).toHaveCount(0);
  // A v1 file (it may hold several hooks) continues in the text editor.
  await expect(page.getByTestId('hook-editor')).toHaveCount(0);
});

test('a userTriggered hook runs from its Run button; the toggle disables it in the file', async ({ workbench: page, host }) => {
  await decideTrust(page, 'trust');
  await showHooks(page);
  await page.getByTestId('hook-new').click();
  const editor = page.getByTestId('hook-editor');
  await editor.getByTestId('hook-name').fill('Say hello');
  await editor.getByTestId('hook-event').selectOption('userTriggered');
  await editor.getByTestId('hook-command').fill('echo hello from a hook');
  await editor.getByTestId('hook-save').click();
  const row = page.locator('[data-testid="hook-row"][data-hook=".kiro/hooks/say-hello.json#0"]');
  await row.getByTestId('hook-run').click();
  const run = page.locator('[data-testid="run-row"][data-hook=".kiro/hooks/say-hello.json#0"]').first();
  await expect(run).toHaveAttribute('data-status', 'succeeded');
  await run.locator('.run-row-top').click();
  await expect(run.getByTestId('run-output')).toHaveText('hello from a hook');

  await row.getByTestId('hook-toggle').click();
  await expect(row).toHaveAttribute('data-status', 'disabled');
  expect(JSON.parse(readFileSync(join(host.workspace, '.kiro/hooks/say-hello.json'), 'utf8'))).toMatchObject({ hooks: [{ enabled: false }] });
  await expect(row.getByTestId('hook-run')).toHaveCount(0);
});
