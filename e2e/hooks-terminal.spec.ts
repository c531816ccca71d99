import { decideTrust, editAndSave, expect, openFile, showHooks, test } from './fixtures/hooks/hooks-test';
import { shootThemes } from './fixtures/test';

test('a runCommand hook set to run in a visible terminal opens a "hook:" terminal tab on its next run; its output still reaches the run log', async ({ workbench: page }) => {
  await decideTrust(page, 'trust');
  await showHooks(page);
  const row = page.locator('[data-testid="hook-row"][data-hook=".kiro/hooks/echo-on-save.kiro.hook"]');
  await row.getByRole('button', { name: 'Echo on save' }).click();
  const choice = page.getByTestId('hook-editor').getByTestId('hook-in-terminal');
  await expect(choice).not.toBeChecked();
  await choice.check();
  await expect(choice).toBeChecked();
  await expect(row.getByTestId('hook-terminal-badge')).toBeVisible();
  await shootThemes(page, 'hooks-terminal-choice');

  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'edited ');
  await expect(page.locator('[data-testid="terminal-tab"]', { hasText: 'hook: Echo on save' })).toBeVisible();
  await showHooks(page);
  const run = page.getByTestId('run-row').first();
  await expect(run).toHaveAttribute('data-status', 'succeeded');
  await run.locator('.run-row-top').click();
  await expect(run.getByTestId('run-output')).toContainText('hook saw src/notes.txt');
});
