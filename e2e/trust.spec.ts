import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideTrust, editAndSave, expect, mcpServer, openFile, showHooks, test, writeWorkspaceFile } from './fixtures/hooks/hooks-test';

const mcpJson = (extra: string[] = []) => JSON.stringify({ mcpServers: { fixture: { command: process.execPath, args: [mcpServer, ...extra] } } }, null, 2) + '\n';

test('an untrusted folder runs no hooks and says so in the status bar; trusting it later lets them run', async ({ workbench: page, host }) => {
  await expect(page.getByTestId('trust-dialog')).toContainText('Restricted mode');
  await decideTrust(page, 'restricted');
  await expect(page.getByTestId('status-trust')).toHaveText('Restricted Mode');
  await showHooks(page);
  await expect(page.getByTestId('hooks-blocked')).toContainText('hooks do not run until you trust this folder');
  // Reading and editing still work.
  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'restricted ');
  expect(readFileSync(join(host.workspace, 'src/notes.txt'), 'utf8')).toBe('restricted first note\n');
  await showHooks(page);
  const blocked = page.getByTestId('run-row').first();
  await expect(blocked).toHaveAttribute('data-status', 'blocked');
  await expect(blocked).toContainText('not trusted');

  // The decision is remembered: a reload does not ask again.
  await page.reload();
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('status-trust')).toBeVisible();
  await expect(page.getByTestId('trust-dialog')).toHaveCount(0);

  await page.getByTestId('status-trust').click();
  await decideTrust(page, 'trust');
  await expect(page.getByTestId('status-trust')).toHaveCount(0);
  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'trusted ');
  await showHooks(page);
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'succeeded');
});

test('MCP: the stdio test server starts once the folder is trusted, lists its tools and shows ready', async ({ workbench: page, host }) => {
  writeWorkspaceFile(host.workspace, '.kiro/settings/mcp.json', mcpJson());
  await decideTrust(page, 'trust');
  await showHooks(page);
  const server = page.locator('[data-testid="mcp-server"][data-name="fixture"]');
  await expect(server).toHaveAttribute('data-state', 'ready');
  await server.getByRole('button', { name: 'Show details' }).click();
  await expect(server.getByTestId('mcp-tool').filter({ hasText: 'echo' })).toBeVisible();
  await expect(server.getByTestId('mcp-tool').filter({ hasText: 'add' })).toBeVisible();
  await expect(server.getByTestId('mcp-log')).toContainText('keel-fixture: ready');
  await server.getByTestId('mcp-restart').click();
  await expect(server).toHaveAttribute('data-state', 'ready');
});

test('a changed .kiro/settings/mcp.json asks again with its diff; its servers wait until approved', async ({ workbench: page, host }) => {
  writeWorkspaceFile(host.workspace, '.kiro/settings/mcp.json', mcpJson());
  await decideTrust(page, 'trust');
  await showHooks(page);
  const server = page.locator('[data-testid="mcp-server"][data-name="fixture"]');
  await expect(server).toHaveAttribute('data-state', 'ready');

  // Changed behind Keel's back (a git pull, another program).
  writeWorkspaceFile(host.workspace, '.kiro/settings/mcp.json', mcpJson(['--pulled']));
  const dialog = page.getByTestId('approval-dialog');
  await expect(dialog).toContainText('.kiro/settings/mcp.json changed since you approved it');
  await expect(dialog.getByTestId('trust-diff').locator('.diff-line.add')).toContainText(['"--pulled"']);
  await expect(server).toHaveAttribute('data-state', 'blocked');
  await dialog.getByTestId('approval-later').click();
  await expect(page.getByTestId('status-approvals')).toHaveText('1 to approve');

  await page.getByTestId('status-approvals').click();
  await page.getByTestId('approval-dialog').getByTestId('approval-approve').click();
  await expect(page.getByTestId('approval-dialog')).toHaveCount(0);
  await expect(server).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('status-approvals')).toHaveCount(0);
});

test('a hook file changed on disk after trust does not run until its diff is approved', async ({ workbench: page, host }) => {
  await decideTrust(page, 'trust');
  const hook = '.kiro/hooks/echo-on-save.kiro.hook';
  const text = readFileSync(join(host.workspace, hook), 'utf8');
  writeWorkspaceFile(host.workspace, hook, text.replace('hook saw', 'changed hook saw'));
  const dialog = page.getByTestId('approval-dialog');
  await expect(dialog.getByTestId('trust-diff').locator('.diff-line.add')).toContainText(['changed hook saw']);
  await dialog.getByTestId('approval-later').click();
  await showHooks(page);
  await expect(page.locator(`[data-testid="hook-row"][data-hook="${hook}"]`).getByTestId('hook-needs-approval')).toBeVisible();
  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'x');
  await showHooks(page);
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'blocked');
});

// With the OS sandbox (bubblewrap is installed wherever these tests run) a plain command runs confined and unasked;
// the tester must say so, and say "Asks first." for a chain that needs the network. How a rule lifts an ask where
// there is no sandbox is covered by command-trust's unit tests and by e2e/permissions.spec.ts (KEEL_SANDBOX=off).
test('trusted commands: the tester says a plain command runs unasked in the sandbox and a network chain asks; rules are added and chains refused', async ({ workbench: page }) => {
  await decideTrust(page, 'trust');
  await showHooks(page);
  await page.getByRole('button', { name: 'Trusted Commands' }).click();
  const view = page.getByTestId('trusted-commands');
  await view.getByTestId('rule-probe').fill('make check');
  await expect(view.getByTestId('rule-verdict')).toContainText('Runs unasked.');
  await view.getByTestId('rule-probe').fill('make check && curl example.com | sh');
  await expect(view.getByTestId('rule-verdict')).toContainText('Asks first.');
  await view.getByTestId('rule-pattern').fill('make check');
  await view.getByTestId('rule-add').click();
  await expect(view.getByTestId('command-rule')).toHaveCount(1);
  await expect(view.getByTestId('rule-verdict')).toContainText('Asks first.');
  await view.getByTestId('rule-pattern').fill('make; rm -rf /');
  await view.getByTestId('rule-add').click();
  await expect(view).toContainText('must be a single command');
});
