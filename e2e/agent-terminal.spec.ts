import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startFakeBedrock, type FakeBedrock, type FakeResponse, type RecordedRequest } from './fixtures/fake-bedrock';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';
import { expect, mod, sendPrompt as ask, shootThemes, test } from './fixtures/test';

// executeBash in a visible terminal: the agent's command gets a Terminal tab of its own while the chat's tool card
// streams the same output and the model gets it back with the exit code.

const FAILING = "printf 'hello\\n'; exit 3";
const SLOW = 'sleep 30';
/** Needs the network: leaves the sandbox, so it asks every time. */
const NETWORK = 'curl -s --max-time 2 http://127.0.0.1:9/; echo fetch-tried';
/** Only reads, so trusted by default: it runs without asking. */
const TRUSTED = "printf 'listed-%s\\n' one two";

interface Message {
  role: string;
  content: Array<{ text?: string; toolResult?: unknown }>;
}

/** The model: a command for each prompt, then a short answer once the tool result comes back. */
function script(request: RecordedRequest): FakeResponse {
  const messages = (request.body.messages ?? []) as Message[];
  const last = messages.at(-1);
  if (last?.content.some((c) => c.toolResult !== undefined)) return { steps: [{ text: 'The command has finished.' }] };
  const prompt = last?.content.map((c) => c.text ?? '').join('') ?? '';
  const command = prompt.includes('fail') ? FAILING : prompt.includes('wait') ? SLOW : prompt.includes('download') ? NETWORK : TRUSTED;
  return { steps: [{ toolUse: { name: 'executeBash', input: { command } } }] };
}

let fake: FakeBedrock;
let host: RunningHost;
test.beforeEach(async () => {
  fake = await startFakeBedrock({ script });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  // Trusted: an untrusted folder runs no agent commands at all.
  host = await startHost(copyWorkspace());
});
test.afterEach(async () => {
  await host.stop();
  await fake.close();
  rmSync(host.workspace, { recursive: true, force: true });
});

const screen = (page: Page) => page.locator('[data-testid="terminal"]:visible .xterm-rows');
const tab = (page: Page) => page.getByTestId('terminal-tab');

async function openChat(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
}

/** The trust service's ask dialog for a command that is not trusted. */
async function approve(page: Page, command: string): Promise<void> {
  await expect(page.getByTestId('command-text')).toHaveText(command);
  await page.getByTestId('command-run').click();
  await expect(page.getByTestId('command-text')).toHaveCount(0);
}

test('a failing command runs in its own terminal tab; the tool card and the model get the output and exit code 3', async ({ page }) => {
  await openChat(page);
  await expect(tab(page)).toHaveCount(0);
  await ask(page, 'run the failing check');
  // Not a read-only command, but it runs in the OS sandbox (bubblewrap): confined, so not asked about.

  await expect(tab(page)).toHaveCount(1);
  await expect(tab(page)).toContainText(`agent: ${FAILING}`);
  // Headed by the command it runs, then its output.
  await expect(screen(page)).toContainText(`$ ${FAILING}`);
  await expect(screen(page).locator(':scope > div').filter({ hasText: /^hello\s*$/ })).toHaveCount(1);
  await expect(page.getByTestId('terminal-exit-code')).toHaveText('exit 3');
  await expect(screen(page)).toContainText('Process exited with code 3');
  // The tab came up without taking the keyboard into the terminal.
  expect(await page.evaluate(() => !!document.activeElement?.closest('.terminal-host'))).toBe(false);

  const card = page.getByTestId('chat-tool').last();
  await expect(card).toHaveAttribute('data-tool', 'executeBash');
  await expect(card).toHaveAttribute('data-status', 'error');
  await card.getByRole('button').first().click();
  await expect(card.getByTestId('chat-tool-output')).toContainText('Exit code: 3');
  await expect(card.getByTestId('chat-tool-output')).toContainText('hello');
  await expect(page.getByTestId('chat-answer').last()).toContainText('The command has finished.');

  // The model's next request carries the output and the code.
  const followUp = fake.requests.at(-1)!.raw;
  expect(followUp).toContain('Exit code: 3');
  expect(followUp).toContain('hello');

  await page.getByTestId('chat-turn-end').last().scrollIntoViewIfNeeded();
  await shootThemes(page, 'agent-terminal');
});

test('a command that needs the network asks first, showing the exact command and that it leaves the sandbox', async ({ page }) => {
  await openChat(page);
  await ask(page, 'download it');
  await expect(page.getByText(/Leaves the sandbox: curl uses the network/)).toBeVisible();
  await approve(page, NETWORK);
  await expect(tab(page)).toContainText('agent: curl');
  await expect(screen(page)).toContainText('fetch-tried');
});

test('Stop ends a running command: its tab shows it was ended and the turn ends', async ({ page }) => {
  await openChat(page);
  await ask(page, 'wait for it');
  // `sleep` only waits: trusted, so it runs without asking.
  await expect(tab(page)).toContainText(`agent: ${SLOW}`);
  await expect(page.getByTestId('chat-tool').last()).toHaveAttribute('data-status', 'running');

  await page.getByTestId('chat-stop').click();
  await expect(page.getByTestId('chat-turn-end')).toHaveAttribute('data-stop-reason', 'aborted');
  await expect(page.getByTestId('terminal-exit-code')).toHaveText('exit 143');
  await expect(screen(page)).toContainText('Process ended by SIGTERM');
  await expect(page.getByTestId('chat-tool').last()).toHaveAttribute('data-status', 'error');
  await page.screenshot({ path: test.info().outputPath('agent-terminal-stopped.png') });
});

test('after a reload mid-command the agent tab comes back with what it showed, and Stop still ends the command', async ({ page }) => {
  await openChat(page);
  await ask(page, 'wait for it');
  await expect(tab(page)).toContainText(`agent: ${SLOW}`);
  await expect(screen(page)).toContainText(`$ ${SLOW}`);
  await page.reload();
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(tab(page)).toHaveCount(1);
  await expect(tab(page)).toContainText(`agent: ${SLOW}`);
  await expect(screen(page)).toContainText(`$ ${SLOW}`);
  await page.getByTestId('chat-stop').click();
  await expect(page.getByTestId('chat-turn-end')).toHaveAttribute('data-stop-reason', 'aborted');
  await expect(page.getByTestId('terminal-exit-code')).toHaveText('exit 143');
  await expect(screen(page)).toContainText('Process ended by SIGTERM');
});

test('a trusted command shows its tab while the user keeps typing in the chat; a key closes the finished terminal', async ({ page }) => {
  await openChat(page);
  await ask(page, 'list them');
  await expect(tab(page)).toContainText('agent: printf');
  await expect(screen(page)).toContainText('listed-two');
  await expect(page.getByTestId('chat-answer').last()).toContainText('The command has finished.');
  // Sent from the chat input, which still has the keyboard: no approval was needed, and the tab did not take it.
  await expect(page.getByTestId('chat-input')).toBeFocused();
  await page.keyboard.type('still typing');
  await expect(page.getByTestId('chat-input')).toHaveValue('still typing');

  // The finished terminal says how to close it; a key in it does.
  await expect(screen(page)).toContainText('Press any key to close this terminal');
  await page.locator('[data-testid="terminal"]:visible').click();
  await page.keyboard.press('Enter');
  await expect(tab(page)).toHaveCount(0);
});
