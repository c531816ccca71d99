import { rmSync } from 'node:fs';
import { startFakeBedrock } from './fixtures/fake-bedrock';
import { copyWorkspace, startHost } from './fixtures/host';
import { expect, mod, sendPrompt, test } from './fixtures/test';

// Screenshots of rendered Markdown (the spec Design view and a chat answer) for a person to compare before and after
// a change to the rendering (not compared automatically). Files: test-results/render-<view>.png.

const ANSWER = [
  '# Plan',
  '',
  'I will change **two** files and run `node --test` after:',
  '',
  '1. `src/store.js` — the error text',
  '2. `src/cli.js` — the usage line',
  '',
  '```js',
  'export function addTodo(todos, title) {',
  '  if (!title.trim()) throw new Error("A todo needs a title");',
  '}',
  '```',
  '',
  '| file | change |',
  '|---|---|',
  '| store.js | error text |',
  '',
  '> Note: see [the docs](https://example.com/docs).',
  '',
  '- [x] read',
  '- [ ] edit',
].join('\n');

test('screenshots of the Design preview and a chat answer', async ({ page }) => {
  const fake = await startFakeBedrock({ script: () => ({ steps: [{ text: ANSWER }] }) });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  const host = await startHost(copyWorkspace());
  try {
    await page.goto(host.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await page.getByTestId('activity-specs').click();
    await page.locator('[data-testid="spec-row"][data-spec="todo-priorities"]').click();
    await page.getByTestId('spec-tab-design').click();
    await expect(page.getByTestId('mermaid-diagram').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/render-design.png' });
    await page.keyboard.press(`${mod}+l`);
    await sendPrompt(page, 'plan it');
    await expect(page.getByTestId('chat-transcript').getByRole('cell', { name: 'error text' })).toBeVisible();
    await page.screenshot({ path: 'test-results/render-chat.png' });
  } finally {
    await host.stop();
    await fake.close();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});
