import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHostWithFakeBedrock, type AgentHostUnderTest } from './fixtures/agent/fake-bedrock-host';
import { expect, runCommand, shootThemes as shoot, test } from './fixtures/test';

// The fake answers "ok" to Test connection, and refuses models with "denied" in their id the way Bedrock does.
let agent: AgentHostUnderTest;
test.beforeEach(async () => {
  agent = await startHostWithFakeBedrock((request) =>
    request.modelId.includes('denied')
      ? { steps: [{ httpError: { status: 403, type: 'AccessDeniedException', message: 'You don’t have access to the model with the specified model ID.' } }] }
      : { steps: [{ text: 'ok' }] },
  );
});
test.afterEach(async () => {
  await agent.stop();
});

async function openWorkbench(page: Page): Promise<void> {
  await page.goto(agent.host.url);
  await workbenchReady(page);
}

/**
 * Ready, and past the trust prompt: the example folder brings a hook, so it opens shortly after the workbench (and
 * would swallow palette keys). Stay restricted: settings need no trust.
 */
async function workbenchReady(page: Page): Promise<void> {
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  const dialog = page.getByTestId('trust-dialog');
  if (await dialog.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
    await page.getByTestId('trust-restricted').click();
    await expect(dialog).toBeHidden();
  }
}

test('change the executor model, test the connection against the fake Bedrock, save, and find it after a reload', async ({ page }) => {
  await openWorkbench(page);
  await runCommand(page, 'Preferences: Open Agent Settings');
  const editor = page.getByTestId('settings-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('settings-endpoint-override')).toContainText(agent.fake.url);

  const model = page.getByTestId('settings-executor-model');
  await expect(model).toHaveValue('us.amazon.nova-pro-v1:0');
  await model.fill('us.amazon.nova-lite-v1:0');
  await expect(page.getByTestId('settings-status')).toHaveText('Unsaved changes');

  // Test connection uses the unsaved form: the fake sees the new model id.
  await page.getByTestId('settings-executor-test').click();
  await expect(page.getByTestId('settings-executor-test-result')).toHaveText('✓ Connected: us.amazon.nova-lite-v1:0 replied “ok”.');
  expect(agent.fake.requests.at(-1)?.modelId).toBe('us.amazon.nova-lite-v1:0');

  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Saved');
  const saved = JSON.parse(readFileSync(join(agent.host.userData, 'agent', 'settings.json'), 'utf8')) as { roles: { executor: { model: string } } };
  expect(saved.roles.executor.model).toBe('us.amazon.nova-lite-v1:0');
  await shoot(page, 'agent-settings');

  await page.reload();
  await workbenchReady(page);
  await runCommand(page, 'Preferences: Open Agent Settings');
  await expect(page.getByTestId('settings-executor-model')).toHaveValue('us.amazon.nova-lite-v1:0');
});

test('a model the account cannot use: Test connection says what to do; a bad region is refused by name', async ({ page }) => {
  await openWorkbench(page);
  await runCommand(page, 'Preferences: Open Agent Settings');
  await page.getByTestId('settings-planner-model').fill('us.anthropic.denied-model');
  await page.getByTestId('settings-planner-test').click();
  const result = page.getByTestId('settings-planner-test-result');
  await expect(result).toContainText('✗');
  await expect(result).toContainText(/IAM|permission|credentials|access/i);

  await page.getByLabel('Region').fill('Virginia');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-save-error')).toContainText('bedrock.region');
  await expect(page.getByTestId('settings-status')).toHaveText('Unsaved changes');
  await shoot(page, 'agent-settings-error');
});
