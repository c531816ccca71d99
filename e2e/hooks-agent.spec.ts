import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startAgentHooksHost, toolResultsSent, userText, type AgentHooksHost } from './fixtures/hooks/agent-host';
import { expect, mod, sendPrompt, test } from './fixtures/test';

/** A screenshot named for the theme the page shows now. */
async function shoot(page: Page, name: string): Promise<void> {
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.screenshot({ path: test.info().outputPath(`${name}-${theme}.png`) });
}

let agent: AgentHooksHost | undefined;
test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const TICKET = {
  name: 'Ticket context',
  when: { type: 'promptSubmit' },
  then: { type: 'runCommand', command: 'printf "ticket context for: %s" "$USER_PROMPT"' },
};
const FREEZE = {
  name: 'Freeze notes',
  when: { type: 'preToolUse', toolTypes: ['write'] },
  then: { type: 'runCommand', command: 'echo "notes are frozen until the release"; exit 1' },
};

async function open(page: Page, url = agent!.host.url): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
}

async function ask(page: Page, text: string): Promise<void> {
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
  await sendPrompt(page, text);
}

const runOf = (page: Page, hook: string) => page.locator(`[data-testid="run-row"][data-hook=".kiro/hooks/${hook}.kiro.hook"]`);

test('a preToolUse hook blocks the agent’s write: the chat shows why, the file is untouched, the model reads the reason', async ({ page }) => {
  agent = await startAgentHooksHost({ trust: 'trusted', hooks: { freeze: FREEZE } });
  const file = join(agent.host.workspace, 'src/notes.txt');
  const before = readFileSync(file, 'utf8');
  await open(page);
  await ask(page, 'write notes now');
  const card = page.locator('[data-testid="chat-tool"][data-tool="fsWrite"]');
  await expect(card).toHaveAttribute('data-status', 'error');
  await expect(card.getByTestId('chat-tool-blocked')).toContainText('notes are frozen until the release');
  await expect(page.getByTestId('chat-answer').last()).toContainText('The write was refused.');
  await shoot(page, 'hooks-blocked-tool');
  expect(toolResultsSent(agent.fake.requests[1]!)).toEqual(['Blocked by hook: "Freeze notes": notes are frozen until the release']);
  expect(readFileSync(file, 'utf8')).toBe(before);
  await page.getByTestId('activity-hooks').click();
  await expect(runOf(page, 'freeze')).toHaveAttribute('data-status', 'failed');
  await expect(runOf(page, 'freeze')).toContainText('fsWrite');
});

test('a promptSubmit hook gets the prompt: its run-log entry shows it, its output reaches the model, and the log survives a restart', async ({ page }) => {
  agent = await startAgentHooksHost({ trust: 'trusted', hooks: { ticket: TICKET } });
  await open(page);
  await ask(page, 'say hello about the login bug');
  await expect(page.getByTestId('chat-answer').last()).toContainText('Hello from the fake model.');
  expect(userText(agent.fake.requests[0]!)).toContain('ticket context for: say hello about the login bug');

  await page.getByTestId('activity-hooks').click();
  const run = runOf(page, 'ticket');
  await expect(run).toHaveAttribute('data-status', 'succeeded');
  await expect(run.getByTestId('run-prompt')).toHaveText('“say hello about the login bug”');
  await run.locator('.run-row-top').click();
  await expect(run.getByTestId('run-output')).toHaveText('ticket context for: say hello about the login bug');

  const url = (await agent.restart()).url;
  await open(page, url);
  if (!(await page.getByTestId('hooks-view').isVisible())) await page.getByTestId('activity-hooks').click();
  await expect(runOf(page, 'ticket')).toHaveCount(1);
  await expect(runOf(page, 'ticket').getByTestId('run-prompt')).toHaveText('“say hello about the login bug”');
});

test('an untrusted folder fires no hooks around the agent: the prompt goes out alone and the write is not blocked', async ({ page }) => {
  agent = await startAgentHooksHost({ trust: 'restricted', hooks: { ticket: TICKET, freeze: FREEZE } });
  await open(page);
  await ask(page, 'write notes in restricted mode');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  expect(userText(agent.fake.requests[0]!)).not.toContain('ticket context');
  // Not blocked by the hook: the write is proposed for review (Supervised), as without hooks.
  await expect(page.locator('[data-testid="chat-tool"][data-tool="fsWrite"]')).toHaveAttribute('data-status', 'success');
  await expect(page.locator('[data-testid="chat-tool"][data-tool="fsWrite"]').getByTestId('chat-tool-blocked')).toHaveCount(0);
  await page.getByTestId('activity-hooks').click();
  // The runs are refused with the reason, and nothing ran (no output).
  await expect(runOf(page, 'ticket')).toHaveAttribute('data-status', 'blocked');
  await expect(runOf(page, 'freeze')).toHaveAttribute('data-status', 'blocked');
  await expect(runOf(page, 'ticket')).toContainText('not trusted');
});
