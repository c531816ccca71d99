import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { offeredTools, startAgentHooksHost, toolResultsSent, type AgentHooksHost } from './fixtures/hooks/agent-host';
import { ECHO_TEXT } from './fixtures/hooks/agent-script';
import { expect, mod, runCommand, sendPrompt, test } from './fixtures/test';

let agent: AgentHooksHost | undefined;
test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

async function open(page: Page): Promise<void> {
  await page.goto(agent!.host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
}

/** A screenshot named for the theme the page shows now. */
async function shoot(page: Page, name: string): Promise<void> {
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.screenshot({ path: test.info().outputPath(`${name}-${theme}.png`) });
}

async function ask(page: Page, text: string): Promise<void> {
  if (!(await page.getByTestId('chat-input').isVisible())) await page.keyboard.press(`${mod}+l`);
  await sendPrompt(page, text);
}

test('an MCP tool is offered to the agent, asks before it runs, and its result is shown on the card and reaches the model', async ({ page }) => {
  agent = await startAgentHooksHost({ trust: 'trusted' });
  await open(page);
  // The server is ready and lists its tools (disabledTools left out) before the chat starts a session.
  await page.getByTestId('activity-hooks').click();
  const server = page.locator('[data-testid="mcp-server"][data-name="fixture"]');
  await expect(server).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await server.getByRole('button', { name: 'Show details' }).click();
  await expect(server.getByTestId('mcp-tool')).toHaveText([/^add/, /^echo/, /^crash/, /^slow/]);

  await page.keyboard.press(`${mod}+l`);
  await ask(page, 'use the mcp echo tool');
  const dialog = page.getByTestId('mcp-tool-ask');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('mcp-ask-tool')).toHaveText('echo');
  await expect(dialog.getByTestId('mcp-ask-server')).toHaveText('fixture');
  await expect(dialog.getByTestId('mcp-ask-args')).toContainText(`"text": "${ECHO_TEXT}"`);
  await expect(dialog.getByTestId('mcp-ask-allow')).toBeFocused();
  await shoot(page, 'mcp-approval');
  await dialog.getByTestId('mcp-ask-allow').click();
  await expect(dialog).toHaveCount(0);

  const card = page.locator('[data-testid="chat-tool"][data-tool="mcp_fixture_echo"]');
  await expect(card).toHaveAttribute('data-status', 'success');
  // Titled by the server's own tool and server names, not the model-facing mcp_fixture_echo.
  await expect(card.getByTestId('chat-tool-name')).toHaveText('echo · fixture (MCP)');
  await card.getByRole('button').first().click();
  await expect(card.getByTestId('chat-tool-output')).toHaveText(ECHO_TEXT);
  await shoot(page, 'mcp-tool-card');
  await expect(page.getByTestId('chat-answer').last()).toContainText('The server answered.');
  const [first, second] = agent.fake.requests;
  expect(offeredTools(first!)).toEqual(expect.arrayContaining(['readFile', 'mcp_fixture_add', 'mcp_fixture_echo', 'mcp_fixture_crash']));
  expect(offeredTools(first!)).not.toContain('mcp_fixture_delete_everything');
  expect(toolResultsSent(second!)).toEqual([ECHO_TEXT]);

  // Next call, in the other theme: "Always allow" — kept in the user data dir, shown in the server list.
  await runCommand(page, 'Toggle Light/Dark Theme');
  await ask(page, 'mcp echo once more');
  await expect(dialog).toBeVisible();
  await shoot(page, 'mcp-approval');
  await dialog.getByTestId('mcp-ask-always').click();
  await expect(page.locator('[data-testid="chat-tool"][data-tool="mcp_fixture_echo"][data-status="success"]')).toHaveCount(2);
  const saved = readFileSync(join(agent.host.userData, 'mcp', 'always-allowed.json'), 'utf8');
  expect(JSON.parse(saved)).toMatchObject({ folders: { [Object.keys(JSON.parse(saved).folders)[0]!]: [{ server: 'fixture', tool: 'echo' }] } });

  // The third call runs unasked.
  await ask(page, 'mcp echo a third time');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(3);
  await expect(page.locator('[data-testid="chat-tool"][data-tool="mcp_fixture_echo"][data-status="success"]')).toHaveCount(3);
  await expect(dialog).toHaveCount(0);
  expect(toolResultsSent(agent.fake.requests.at(-1)!)).toEqual([ECHO_TEXT, ECHO_TEXT, ECHO_TEXT]);
  await page.getByTestId('activity-hooks').click();
  await server.getByRole('button', { name: 'Show details' }).click();
  await expect(server.locator('[data-testid="mcp-tool"]', { hasText: 'echo' }).getByTestId('mcp-tool-always')).toBeVisible();
  await shoot(page, 'mcp-always-allowed');
  // Revoke: the mark goes and the stored answer with it (the next call asks again — unit-tested).
  await server.getByTestId('mcp-tool-revoke').click();
  await expect(server.getByTestId('mcp-tool-always')).toHaveCount(0);
  expect(readFileSync(join(agent.host.userData, 'mcp', 'always-allowed.json'), 'utf8')).not.toContain('"echo"');
});

test('Reject: the tool does not run and the model is told the user refused', async ({ page }) => {
  agent = await startAgentHooksHost({ trust: 'trusted' });
  await open(page);
  await page.getByTestId('activity-hooks').click();
  await expect(page.locator('[data-testid="mcp-server"][data-name="fixture"]')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await page.keyboard.press(`${mod}+l`);
  await ask(page, 'mcp echo, please');
  await page.getByTestId('mcp-ask-reject').click();
  const card = page.locator('[data-testid="chat-tool"][data-tool="mcp_fixture_echo"]');
  await expect(card).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('chat-answer').last()).toContainText('The server answered.');
  expect(toolResultsSent(agent.fake.requests[1]!)).toEqual(['The call to echo (fixture) was not approved: the user rejected it']);
});

test('an untrusted folder starts no MCP server and offers the agent none of its tools', async ({ page }) => {
  agent = await startAgentHooksHost({ trust: 'restricted' });
  await open(page);
  await page.getByTestId('activity-hooks').click();
  await expect(page.locator('[data-testid="mcp-server"][data-name="fixture"]')).toHaveAttribute('data-state', 'blocked');
  await page.keyboard.press(`${mod}+l`);
  await ask(page, 'mcp echo in restricted mode');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);
  expect(offeredTools(agent.fake.requests[0]!).filter((t) => t.startsWith('mcp_'))).toEqual([]);
  // The model asked anyway: the call is refused as an unknown tool, and no approval was asked.
  await expect(page.locator('[data-testid="chat-tool"][data-tool="mcp_fixture_echo"]')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('mcp-tool-ask')).toHaveCount(0);
});
