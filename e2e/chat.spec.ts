import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHostWithFakeBedrock, type AgentHostUnderTest } from './fixtures/agent/fake-bedrock-host';
import { chatScript, EDIT } from './fixtures/chat/script';
import { expect, mod, runCommand, sendPrompt as ask, test } from './fixtures/test';

let agent: AgentHostUnderTest;
test.beforeEach(async () => {
  agent = await startHostWithFakeBedrock(chatScript);
});
test.afterEach(async () => {
  await agent.stop();
});

async function openChat(page: Page, scripts?: string[]): Promise<void> {
  await page.goto(agent.host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  if (scripts) expect(scripts.filter((u) => /ChatView/.test(u))).toEqual([]);
  // The example folder brings a hook, so the trust prompt opens on first load: stay restricted (the chat's file
  // tools need no trust). Answered before the chat opens: a modal opening later would take the prompt box's focus.
  await page.getByTestId('trust-restricted').click();
  await expect(page.getByTestId('trust-dialog')).toHaveCount(0);
  await page.addLocatorHandler(page.getByTestId('trust-dialog'), async () => {
    await page.getByTestId('trust-restricted').click();
  });
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
}

test('a prompt streams a Markdown answer with the model and token meter, and the transcript survives a reload', async ({ page }) => {
  // The chat's code (pane, Markdown renderer) is not part of start-up: it loads when the chat is first opened.
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await openChat(page, scripts);
  expect(scripts.filter((u) => /ChatView/.test(u))).toHaveLength(1);
  await ask(page, 'say hello');
  const answer = page.getByTestId('chat-answer');
  await expect(answer).toContainText('Hello from the fake model. Here is a list:');
  await expect(answer.locator('li strong')).toHaveText('one');
  await expect(answer.locator('pre code')).toHaveText('console.log(1 < 2);');
  const end = page.getByTestId('chat-turn-end');
  await expect(end).toHaveAttribute('data-stop-reason', 'end_turn');
  await expect(end).toContainText('nova-pro');
  await expect(page.getByTestId('chat-turn-usage')).toContainText(/in · \d+ out/);
  await expect(page.getByTestId('chat-send')).toBeVisible();
  expect(agent.fake.requests).toHaveLength(1);

  await page.reload();
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  // The side bar remembers the chat; the session's transcript comes back from the host.
  await expect(page.getByTestId('chat-user-text')).toHaveText('say hello');
  await expect(page.getByTestId('chat-answer')).toContainText('Hello from the fake model.');
  await expect(page.getByTestId('chat-tab')).toHaveCount(1);
});

test('a tool reads a file and proposes an edit; Accept all writes the new bytes to disk', async ({ page }) => {
  const file = join(agent.host.workspace, EDIT.path);
  const before = readFileSync(file, 'utf8');
  await openChat(page);
  await ask(page, 'edit the empty-title error');

  const tools = page.getByTestId('chat-tool');
  await expect(tools).toHaveCount(2);
  await expect(tools.nth(0)).toHaveAttribute('data-status', 'success');
  await expect(tools.nth(0)).toContainText('Read file');
  await expect(tools.nth(0)).toContainText(EDIT.path);
  await tools.nth(0).getByRole('button').first().click();
  await expect(tools.nth(0).getByTestId('chat-tool-output')).toContainText('export function addTodo');

  const card = page.getByTestId('chat-changeset');
  await expect(card).toContainText('1 file changed');
  await expect(card.getByTestId('chat-changeset-file')).toHaveAttribute('data-path', EDIT.path);
  await expect(card.getByTestId('chat-changeset-file')).toContainText('+1');
  await expect(card.getByTestId('chat-changeset-file')).toContainText('−1');
  await expect(page.getByTestId('chat-answer').last()).toContainText('I reworded the empty-title error.');
  // Supervised: nothing on disk until the user accepts.
  expect(readFileSync(file, 'utf8')).toBe(before);

  // A chat reads better wider than the default side bar: drag the sash as a user would.
  const sash = page.locator('.sash.vertical').first();
  const box = (await sash.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('chat-turn-end').scrollIntoViewIfNeeded();
  await shoot(page, 'chat');

  // Review opens the change in the review editor tab.
  await card.getByTestId('chat-review').click();
  await expect(page.getByTestId('review')).toBeVisible();

  await card.getByTestId('chat-accept-all').click();
  await expect(card).toHaveAttribute('data-status', 'applied');
  await expect(card.getByTestId('chat-accept-all')).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(before.replace(EDIT.oldStr, EDIT.newStr));
});

test('while a long answer streams, the finished rows above it are left untouched (no remount, no DOM churn)', async ({ page }) => {
  await openChat(page);
  await ask(page, 'say hello');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  // Count DOM changes inside the finished first answer and its footer while the next answer streams 300 deltas
  // (the prompt row above may change: its Restore button hides while a turn runs).
  await page.evaluate(() => {
    const w = window as unknown as { chatMutations: number };
    w.chatMutations = 0;
    const rows = [...document.querySelectorAll('[data-testid="chat-transcript"] > *')].slice(1, 3);
    const observer = new MutationObserver((records) => (w.chatMutations += records.length));
    for (const row of rows) observer.observe(row, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await ask(page, 'tell a long story');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(2);
  await expect(page.getByTestId('chat-answer').last()).toContainText('word0 word1');
  await expect(page.getByTestId('chat-answer').last()).toContainText('word299');
  await expect(page.getByTestId('chat-answer').last().locator('p')).toHaveCount(10);
  expect(await page.evaluate(() => (window as unknown as { chatMutations: number }).chatMutations)).toBe(0);
});

test('Stop ends a hanging turn (also after a reload mid-turn); the partial answer stays and the next prompt can be sent', async ({ page }) => {
  await openChat(page);
  await ask(page, 'hang please');
  await expect(page.getByTestId('chat-answer')).toContainText('Let me think about that');
  // A reload in the middle of the turn reattaches to it: the partial answer and the Stop button come back.
  await page.reload();
  await expect(page.getByTestId('chat-answer')).toContainText('Let me think about that', { timeout: 20_000 });
  // With another view shown, the status bar says the agent is still working and leads back to the chat.
  await page.getByTestId('activity-explorer').click();
  await page.getByTestId('status-chat-running').click();
  await page.getByTestId('chat-stop').click();
  await expect(page.getByTestId('status-chat-running')).toHaveCount(0);
  await expect(page.getByTestId('chat-turn-end')).toHaveAttribute('data-stop-reason', 'aborted');
  await expect(page.getByTestId('chat-turn-end')).toContainText('Stopped');
  await expect(page.getByTestId('chat-answer')).toContainText('Let me think about that');
  await ask(page, 'say hello again');
  await expect(page.getByTestId('chat-answer').last()).toContainText('Hello from the fake model.');
});

test('# attaches context chips: a file picked by fuzzy search and the git diff travel with the prompt', async ({ page }) => {
  await openChat(page);
  const input = page.getByTestId('chat-input');
  await input.pressSequentially('explain #fi');
  await expect(page.getByTestId('chat-suggest-item').first()).toContainText('#file');
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('explain #file:');
  await input.pressSequentially('stor');
  await expect(page.getByTestId('chat-suggest-item').first()).toContainText('src/store.js');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-chip')).toHaveText(['#file:src/store.js×']);
  await input.pressSequentially('#git');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('chat-chip')).toHaveCount(2);
  await expect(input).toHaveValue('explain ');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-user')).toContainText('#file:src/store.js');
  await expect(page.getByTestId('chat-user')).toContainText('#git diff');
  await expect(page.getByTestId('chat-chips')).toHaveCount(0);
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  // The attached file reached the model.
  expect(agent.fake.requests[0]!.raw).toContain('export function addTodo');
});

test('sessions: a second tab keeps its own transcript; closing one selects the other', async ({ page }) => {
  await openChat(page);
  await ask(page, 'say hello');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  await page.getByTestId('chat-new-session').click();
  await expect(page.getByTestId('chat-tab')).toHaveCount(2);
  await expect(page.getByTestId('chat-user')).toHaveCount(0);
  await page.getByTestId('chat-tab').first().click();
  await expect(page.getByTestId('chat-user-text')).toHaveText('say hello');
  // The close button of a background tab shows on hover, as in VS Code.
  await page.getByTestId('chat-tab').nth(1).hover();
  await page.getByTestId('chat-tab').nth(1).getByTestId('chat-tab-close').click();
  await expect(page.getByTestId('chat-tab')).toHaveCount(1);
  await runCommand(page, 'Chat: New Session');
  await expect(page.getByTestId('chat-tab')).toHaveCount(2);
});

test('Reject all leaves the file as it was and settles the card', async ({ page }) => {
  const file = join(agent.host.workspace, EDIT.path);
  const before = readFileSync(file, 'utf8');
  await openChat(page);
  await ask(page, 'edit the empty-title error');
  const card = page.getByTestId('chat-changeset');
  await card.getByTestId('chat-reject-all').click();
  await expect(card).toHaveAttribute('data-status', 'rejected');
  await expect(card).toContainText('Rejected');
  await expect(card.getByTestId('chat-reject-all')).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(before);
});

test('a model the account cannot use shows what to do, with a way to the agent settings', async ({ page }) => {
  await openChat(page);
  await ask(page, 'denied please');
  const error = page.getByTestId('chat-error');
  await expect(error).toHaveAttribute('data-kind', 'accessDenied');
  await expect(error).toContainText(/access/i);
  await expect(page.getByTestId('chat-turn-end')).toHaveAttribute('data-stop-reason', 'error');
  await error.getByRole('button', { name: 'Open Agent Settings' }).click();
  await expect(page.getByTestId('settings-editor')).toBeVisible();
});

test('Autopilot applies edits at once; restoring the prompt’s checkpoint puts the file back', async ({ page }) => {
  const file = join(agent.host.workspace, EDIT.path);
  const before = readFileSync(file, 'utf8');
  await openChat(page);
  await page.getByTestId('chat-mode-autopilot').click();
  await ask(page, 'edit the empty-title error');
  const card = page.getByTestId('chat-changeset');
  await expect(card).toHaveAttribute('data-status', 'applied');
  await expect(card.getByTestId('chat-accept-all')).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(before.replace(EDIT.oldStr, EDIT.newStr));
  // Already on disk: nothing to review; the file opens in the editor.
  await expect(card.getByTestId('chat-review')).toHaveCount(0);
  await card.getByTestId('chat-changeset-file').getByRole('button').click();
  await expect(page.locator(`[data-testid="editor-tab"][data-path="${EDIT.path}"]`)).toHaveAttribute('aria-selected', 'true');

  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  await page.getByRole('button', { name: 'Restore checkpoint' }).click();
  await page.getByTestId('dialog-restore').click();
  await expect(page.getByTestId('chat-notice')).toContainText('Restored files and conversation to before turn 1.');
  await expect(page.getByTestId('chat-user')).toHaveCount(0);
  await expect.poll(() => readFileSync(file, 'utf8')).toBe(before);
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await runCommand(page, 'Toggle Light/Dark Theme');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.screenshot({ path: test.info().outputPath(`${name}-${theme}.png`) });
  }
}
