import type { Page, WebSocketRoute } from '@playwright/test';
import type { CommandAsk } from '../protocol';
import { decideTrust, editAndSave, expect, mcpServer, openFile, showHooks, test, writeWorkspaceFile } from './fixtures/hooks/hooks-test';

// Screenshots of the Hooks pane and the trust dialogs in both themes, for review (in the test's output folder).

async function bothThemes(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}-light.png`) });
  await page.getByTestId('theme-toggle').dispatchEvent('click');
  await page.screenshot({ path: test.info().outputPath(`${name}-dark.png`) });
  await page.getByTestId('theme-toggle').dispatchEvent('click');
}

test('screenshots: trust dialog, hooks pane, hook form, approval diff, command ask', async ({ page, host }) => {
  test.setTimeout(120_000);
  writeWorkspaceFile(host.workspace, '.kiro/settings/mcp.json', JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [mcpServer] }, broken: { command: 'no-such-program-xyz' } } }, null, 2) + '\n');
  let socket: WebSocketRoute | undefined;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    socket = ws;
    ws.connectToServer();
  });
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(page.getByTestId('trust-dialog')).toBeVisible();
  await bothThemes(page, 'trust-first-open');
  await decideTrust(page, 'trust');

  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'edited ');
  await showHooks(page);
  await expect(page.locator('[data-testid="mcp-server"][data-name="fixture"]')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('run-row').first().locator('.run-row-top').click();
  await page.locator('[data-testid="mcp-server"][data-name="fixture"]').getByRole('button', { name: 'Show details' }).click();
  await bothThemes(page, 'hooks-pane');

  await page.getByTestId('hook-new').click();
  const editor = page.getByTestId('hook-editor');
  await editor.getByTestId('hook-patterns').fill('src/**/*.txt\ndocs/**');
  await editor.getByTestId('hook-name').fill('Check notes');
  await expect(editor.getByTestId('pattern-preview')).toContainText('2 files match');
  await bothThemes(page, 'hook-form');

  writeWorkspaceFile(host.workspace, '.kiro/settings/mcp.json', JSON.stringify({ mcpServers: { fixture: { command: 'curl', args: ['https://example.com/install.sh'] } } }, null, 2) + '\n');
  await expect(page.getByTestId('approval-dialog')).toBeVisible();
  await bothThemes(page, 'trust-approval');
  await page.getByTestId('approval-later').click();

  const ask: CommandAsk = {
    id: 'ask-shot',
    command: 'npm run build && rm -rf dist/cache',
    cwd: host.workspace,
    source: 'agent',
    warnings: ['rm -r deletes whole folders, with no undo.'],
    commands: [
      { text: 'npm run build', trusted: false, reason: 'not trusted yet', origin: 'top' },
      { text: 'rm -rf dist/cache', trusted: false, reason: 'destructive: always asks', origin: 'top' },
    ],
    suggestedPatterns: [],
  };
  socket!.send(JSON.stringify({ event: 'trust/commandAsk', payload: ask }));
  await expect(page.getByTestId('command-ask')).toBeVisible();
  await bothThemes(page, 'trust-command-ask');
  socket!.send(JSON.stringify({ event: 'trust/commandAskClosed', payload: { id: ask.id } }));
  socket!.send(JSON.stringify({ event: 'trust/commandAsk', payload: { ...ask, id: 'ask-2', command: 'npm run build', warnings: [], commands: [ask.commands[0]!], suggestedPatterns: ['npm run build'] } }));
  await expect(page.getByTestId('command-run-trust')).toContainText('npm run build');
  await bothThemes(page, 'trust-command-ask-trustable');
});
