/**
 * Custom agents, skills and the Agent picker through the browser host, real Chromium and the scripted fake Bedrock:
 * a read-only agent asked to write cannot (fsWrite is not offered; the model's call is refused; nothing on disk),
 * the choice is kept across a reload, switching back gives the tools back from the next turn, and a skill's
 * instructions reach the model through loadSkill and through a #skill chip.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHostWithFakeBedrock, type AgentHostUnderTest } from './fixtures/agent/fake-bedrock-host';
import type { FakeResponse, RecordedRequest } from './fixtures/fake-bedrock';
import { currentTurn } from './fixtures/fake-bedrock/script';
import { offeredTools, toolResultsSent } from './fixtures/hooks/agent-host';
import { copyWorkspace } from './fixtures/host';
import { expect, mod, sendPrompt, test } from './fixtures/test';

const FILES: Record<string, string> = {
  '.kiro/agents/reader.md': '---\nname: reader\ndescription: Reads and explains, never writes\ntools: ["read"]\n---\nYou only read code and explain it.\n',
  '.kiro/skills/release/SKILL.md': '---\nname: release\ndescription: How this project cuts a release\n---\nRun `npm version` then push the tag.\n',
};

function script(request: RecordedRequest): FakeResponse {
  const { prompt, round } = currentTurn(request);
  if (prompt.includes('write the file')) {
    if (round === 0) return { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'evil.txt', text: 'written' } } }] };
    return { steps: [{ text: 'I could not write it.' }] };
  }
  if (prompt.includes('cut a release')) {
    if (round === 0) return { steps: [{ toolUse: { name: 'loadSkill', input: { name: 'release' } } }] };
    return { steps: [{ text: 'Following the release skill.' }] };
  }
  return { steps: [{ text: 'ok' }] };
}

let agent: AgentHostUnderTest | undefined;
test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

async function open(page: Page): Promise<void> {
  const workspace = copyWorkspace();
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  agent = await startHostWithFakeBedrock(script, workspace);
  await page.goto(agent.host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  // The example folder brings a hook, so trust is asked first: Restricted is enough for the agent's file tools.
  await page.getByTestId('trust-restricted').click();
  await expect(page.getByTestId('trust-dialog')).toHaveCount(0);
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
}

test('a read-only custom agent picked in the chat cannot write; the choice survives a reload and switching back applies from the next turn', async ({ page }) => {
  await open(page);
  const picker = page.getByTestId('chat-agent');
  await expect(picker.locator('option')).toHaveText(['Default', 'reader']);
  await picker.selectOption('reader');
  await page.getByTestId('chat-mode-autopilot').click();
  await sendPrompt(page, 'write the file evil.txt');

  const card = page.locator('[data-testid="chat-tool"][data-tool="fsWrite"]');
  await expect(card).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('chat-answer').last()).toContainText('I could not write it.');
  const [first, second] = agent!.fake.requests;
  expect(offeredTools(first!)).toEqual(['readFile', 'listDirectory', 'fileSearch', 'grepSearch', 'loadSkill']);
  expect(JSON.stringify(first!.body.system)).toContain('You only read code and explain it.');
  expect(toolResultsSent(second!)[0]).toMatch(/^Unknown tool "fsWrite"/);
  expect(existsSync(join(agent!.host.workspace, 'evil.txt'))).toBe(false);
  await page.screenshot({ path: 'test-results/custom-agents-picker.png' });

  // The session remembers its agent across a reload.
  await page.reload();
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(page.getByTestId('chat-agent')).toHaveValue('reader');

  // Back to the default agent: the next turn is offered the write tools again.
  await page.getByTestId('chat-agent').selectOption('');
  await expect(page.getByTestId('chat-notice').last()).toContainText("From the next turn: Keel's default agent.");
  await sendPrompt(page, 'hello again');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(2);
  expect(offeredTools(agent!.fake.requests.at(-1)!)).toContain('fsWrite');
});

test('a skill is offered by name and loaded with loadSkill; a #skill chip attaches its instructions', async ({ page }) => {
  await open(page);
  await sendPrompt(page, 'cut a release');
  const card = page.locator('[data-testid="chat-tool"][data-tool="loadSkill"]');
  await expect(card).toHaveAttribute('data-status', 'success');
  await expect(card).toContainText('Load skill');
  await expect(card).toContainText('release');
  await expect(page.getByTestId('chat-answer').last()).toContainText('Following the release skill.');
  const [first, second] = agent!.fake.requests;
  expect(JSON.stringify(first!.body.system)).toContain('- release: How this project cuts a release');
  expect(JSON.stringify(first!.body.system)).not.toContain('npm version');
  expect(toolResultsSent(second!)[0]).toContain('Run `npm version` then push the tag.');

  // #skill from the context menu: the chip, then its instructions in the prompt the model gets.
  const input = page.getByTestId('chat-input');
  await input.fill('#skill:rel');
  await expect(page.getByTestId('chat-suggest-item').first()).toContainText('release');
  await input.press('Enter');
  await expect(page.getByTestId('chat-chip')).toHaveText(/#skill:release/);
  await page.screenshot({ path: 'test-results/custom-agents-skill-chip.png' });
  await input.fill('go');
  await input.press('Enter');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(2);
  const last = JSON.stringify((agent!.fake.requests.at(-1)!.body.messages as unknown[]).at(-1));
  expect(last).toContain('<skill name=\\"release\\"');
  expect(last).toContain('npm version');
});
