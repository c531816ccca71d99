import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHostWithFakeBedrock, type AgentHostUnderTest } from './fixtures/agent/fake-bedrock-host';
import { chatScript } from './fixtures/chat/script';
import { copyWorkspace } from './fixtures/host';
import { expect, mod, runCommand, test } from './fixtures/test';

// What the model receives for the context the user attaches or has open: the fake Bedrock records every request.

let agent: AgentHostUnderTest;
test.afterEach(async () => {
  await agent.stop();
});

/** The text of the last user message of request `i` (the prompt with its context blocks in front). */
function promptSent(i: number): string {
  const messages = agent.fake.requests[i]!.body.messages as { role: string; content: { text?: string }[] }[];
  return messages.at(-1)!.content.map((c) => c.text ?? '').join('\n');
}

async function openWorkbench(page: Page): Promise<void> {
  await page.goto(agent.host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  // The example folder brings a hook: the first open asks about trust. Restricted is enough for chat context.
  await page.getByTestId('trust-restricted').click();
  await expect(page.getByTestId('trust-dialog')).toHaveCount(0);
}

async function openChat(page: Page): Promise<void> {
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
}

async function send(page: Page, text: string, turns: number): Promise<void> {
  await page.getByTestId('chat-input').pressSequentially(text);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(turns);
}

async function quickOpen(page: Page, query: string, path: string, text: string): Promise<void> {
  await page.keyboard.press(`${mod}+p`);
  await page.getByTestId('quick-input').locator('input').fill(query);
  await expect(page.getByTestId('quick-input-item').first()).toContainText(path.split('/').pop()!);
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-testid="editor-tab"][data-path="${path}"]`)).toHaveAttribute('aria-selected', 'true');
  // The editor takes the keyboard once Monaco has loaded: wait for it, or a shortcut pressed now lands in the file.
  await expect(page.locator(`[data-testid="editor"][data-path="${path}"] .view-lines`)).toContainText(text);
}

test('fileMatch steering reaches the model only while a matching file is open in the editor', async ({ page }) => {
  agent = await startHostWithFakeBedrock(chatScript);
  await openWorkbench(page);
  await openChat(page);
  // .kiro/steering/tech.md: inclusion fileMatch, "src/**/*.js".
  const steering = 'Functions in `src/store.js` are pure';
  await send(page, 'say hello', 1);
  expect(promptSent(0)).not.toContain(steering);

  await quickOpen(page, 'store.js', 'src/store.js', 'export function');
  await openChat(page);
  await send(page, 'say hello again', 2);
  expect(promptSent(1)).toContain(steering);
  expect(promptSent(1)).toContain('<steering name="tech" path=".kiro/steering/tech.md" inclusion="fileMatch">');
});

test('#problems sends what the Problems panel lists; #terminal sends the active terminal’s output', async ({ page }) => {
  // An acceptance criterion no task cites: the spec check lists it in the Problems panel once the spec is open.
  const workspace = copyWorkspace();
  appendFileSync(
    join(workspace, '.kiro/specs/todo-priorities/requirements.md'),
    '4. WHEN there are no todos, THE Todo_CLI SHALL print "Nothing to do".\n',
  );
  agent = await startHostWithFakeBedrock(chatScript, workspace);
  await openWorkbench(page);
  await quickOpen(page, 'tpri requirements', '.kiro/specs/todo-priorities/requirements.md', 'Requirements Document');
  await runCommand(page, 'Show Problems');
  await expect(page.getByTestId('problem-row').filter({ hasText: 'No task cites criterion 2.4.' })).toBeVisible();

  await openChat(page);
  const input = page.getByTestId('chat-input');
  await input.pressSequentially('fix these #prob');
  await expect(page.getByTestId('chat-suggest-item').first()).toContainText('#problems');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-chip')).toHaveText(['#problems×']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  expect(promptSent(0)).toMatch(/<problems count="\d+">/);
  expect(promptSent(0)).toContain('.kiro/specs/todo-priorities/requirements.md:34');
  expect(promptSent(0)).toContain('No task cites criterion 2.4.');

  // A terminal with some output, then #terminal from the chat: the model gets that output as plain text.
  await page.keyboard.press(`${mod}+\``);
  const terminal = page.locator('[data-testid="terminal"]:visible');
  await expect(terminal.locator('.xterm-rows')).toBeVisible();
  await terminal.click();
  await page.keyboard.type('printf "\\033[31mbuild-failed-$((40+2))\\033[0m\\n"');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('build-failed-42');
  await openChat(page);
  await input.pressSequentially('why #term');
  await expect(page.getByTestId('chat-suggest-item').first()).toContainText('#terminal');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-chip')).toHaveText(['#terminal×']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(2);
  const sent = promptSent(1);
  expect(sent).toContain('<terminal');
  expect(sent).toContain('build-failed-42');
  // Colours stripped: the model reads what the user saw.
  expect(sent).not.toContain('\u001b[31m');
  // The prompt row names the terminal by its title, not an internal id.
  await expect(page.getByTestId('chat-user').last()).toContainText(/#terminal:\S+/);
  await expect(page.getByTestId('chat-user').last()).not.toContainText(/#terminal:\d+$/);
});
