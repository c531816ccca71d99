// Kiro 1.0 (v1) hook files in the IDE: a PostFileSave command hook on an editor save, a PreToolUse command hook
// whose exit code 2 blocks the agent's write (the model is the scripted fake Bedrock: no real model can run here),
// and the Upgrade of a 0.x hook. Real host, real shell commands, real files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseHookFile } from '../specs-schema';
import { startAgentHooksHost, toolResultsSent, type AgentHooksHost } from './fixtures/hooks/agent-host';
import { editAndSave, openFile, showHooks } from './fixtures/hooks/hooks-test';
import { expect, mod, sendPrompt, test } from './fixtures/test';

let agent: AgentHooksHost | undefined;
test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const v1 = (hooks: object[]) => JSON.stringify({ version: 'v1', hooks }, null, 2);

async function open(page: Page): Promise<void> {
  await page.goto(agent!.host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
}

const hookRow = (page: Page, id: string) => page.locator(`[data-testid="hook-row"][data-hook="${id}"]`);
const runOf = (page: Page, id: string) => page.locator(`[data-testid="run-row"][data-hook="${id}"]`);

test('a v1 PostFileSave command hook runs on save, with Kiro’s payload on stdin and {filePath}', async ({ page }) => {
  const hook = { name: 'Show save', trigger: 'PostFileSave', matcher: '\\.txt$', description: 'Prints what it got', action: { type: 'command', command: 'echo "saved {filePath}"; cat', timeout: 20 } };
  agent = await startAgentHooksHost({ trust: 'trusted', files: { '.kiro/hooks/show-save.json': v1([hook]) } });
  await open(page);
  await showHooks(page);
  const row = hookRow(page, '.kiro/hooks/show-save.json#0');
  await expect(row).toContainText('Show save');
  await expect(row.getByTestId('hook-format')).toHaveText('v1');
  await openFile(page, 'src/notes.txt');
  await editAndSave(page, 'src/notes.txt', 'edited ');
  await showHooks(page);
  const run = runOf(page, '.kiro/hooks/show-save.json#0').first();
  await expect(run).toHaveAttribute('data-status', 'succeeded');
  await run.locator('.run-row-top').click();
  const file = join(agent.host.workspace, 'src/notes.txt');
  const [first, payload] = (await run.getByTestId('run-output').innerText()).split('\n');
  expect(first).toBe(`saved ${file}`);
  expect(JSON.parse(payload as string)).toMatchObject({ hook_event_name: 'PostFileSave', cwd: agent.host.workspace, file_path: file });
});

test('a v1 PreToolUse hook that exits 2 blocks the agent’s write: the user and the model read its stderr', async ({ page }) => {
  const hook = { name: 'Freeze notes', trigger: 'PreToolUse', matcher: 'fs_write|str_replace', action: { type: 'command', command: 'echo "notes are frozen (v1)" >&2; exit 2' } };
  agent = await startAgentHooksHost({ trust: 'trusted', files: { '.kiro/hooks/freeze.json': v1([hook]) } });
  const file = join(agent.host.workspace, 'src/notes.txt');
  const before = readFileSync(file, 'utf8');
  await open(page);
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
  await sendPrompt(page, 'write notes now');
  const card = page.locator('[data-testid="chat-tool"][data-tool="fsWrite"]');
  await expect(card).toHaveAttribute('data-status', 'error');
  await expect(card.getByTestId('chat-tool-blocked')).toContainText('notes are frozen (v1)');
  await expect(page.getByTestId('chat-answer').last()).toContainText('The write was refused.');
  expect(toolResultsSent(agent.fake.requests[1]!)).toEqual(['Blocked by hook: "Freeze notes": notes are frozen (v1)']);
  expect(readFileSync(file, 'utf8')).toBe(before);
  await page.screenshot({ path: 'test-results/hooks-v1-blocked.png' });
});

test('Upgrade writes a legacy hook as one new v1 file, shows the diff, and removes the old file only on confirm', async ({ page }) => {
  const legacy = { enabled: true, name: 'Lint docs', version: '1', when: { type: 'fileEdited', patterns: ['docs/**/*.md'] }, then: { type: 'runCommand', command: 'echo lint', timeout: 30 } };
  agent = await startAgentHooksHost({ trust: 'trusted', files: { '.kiro/hooks/lint-docs.kiro.hook': JSON.stringify(legacy, null, 2) } });
  await open(page);
  await showHooks(page);
  const old = hookRow(page, '.kiro/hooks/lint-docs.kiro.hook');
  await expect(old.getByTestId('hook-format')).toHaveText('legacy');
  await old.getByTestId('hook-upgrade').click();
  const dialog = page.getByTestId('hook-upgrade-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('trust-diff')).toContainText('"trigger": "PostFileSave"');
  await page.screenshot({ path: 'test-results/hooks-v1-upgrade.png' });
  // The new file is written; the old one stays until the user confirms.
  const newFile = join(agent.host.workspace, '.kiro/hooks/lint-docs.json');
  const oldFile = join(agent.host.workspace, '.kiro/hooks/lint-docs.kiro.hook');
  expect(parseHookFile(readFileSync(newFile, 'utf8')).entries).toEqual([
    { format: 'v1', index: 0, name: 'Lint docs', trigger: 'PostFileSave', matcher: '^docs/(?:.*/)?[^/]*\\.md$', action: { type: 'command', command: 'echo lint', timeout: 30 }, enabled: true },
  ]);
  expect(existsSync(oldFile)).toBe(true);
  await dialog.getByTestId('hook-upgrade-remove').click();
  await expect(dialog).toHaveCount(0);
  await expect(old).toHaveCount(0);
  expect(existsSync(oldFile)).toBe(false);
  await expect(hookRow(page, '.kiro/hooks/lint-docs.json#0').getByTestId('hook-format')).toHaveText('v1');
  // Written by Keel for the user: no re-approval asked.
  await expect(page.getByTestId('approval-dialog')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/hooks-v1-upgraded.png' });
});
