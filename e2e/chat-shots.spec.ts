import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeBedrock, type FakeBedrock, type FakeResponse, type RecordedRequest } from './fixtures/fake-bedrock';
import { chatScript } from './fixtures/chat/script';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';
import { expect, mod, shootThemes, test } from './fixtures/test';

// Screenshots of the chat pane with what this session added: chips, tool durations, a call a hook blocked.

const FREEZE = {
  enabled: true,
  version: '1',
  name: 'No whole-file rewrites',
  when: { type: 'preToolUse', toolTypes: ['write'] },
  then: { type: 'runCommand', command: 'if [ "$KEEL_TOOL_NAME" = fsWrite ]; then echo "rewrite refused: edit with strReplace"; exit 1; fi' },
};

function script(request: RecordedRequest): FakeResponse {
  const raw = request.raw;
  if (!raw.includes('rewrite the store')) return chatScript(request);
  if (raw.includes('Blocked by hook')) return { steps: [{ text: 'The hook refused a whole-file rewrite, so I left `src/store.js` as it is.' }] };
  return { steps: [{ text: 'I will rewrite the file.' }, { toolUse: { name: 'fsWrite', input: { path: 'src/store.js', text: '// new store\n' } } }] };
}

let fake: FakeBedrock;
let host: RunningHost;
test.afterEach(async () => {
  await host.stop();
  await fake.close();
  rmSync(host.workspace, { recursive: true, force: true });
});

test('chat pane: chips on a prompt, timed tool cards, a call blocked by a hook', async ({ page }) => {
  const workspace = copyWorkspace();
  mkdirSync(join(workspace, '.kiro/hooks'), { recursive: true });
  writeFileSync(join(workspace, '.kiro/hooks/freeze.kiro.hook'), JSON.stringify(FREEZE, null, 2));
  fake = await startFakeBedrock({ script });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  host = await startHost(workspace, { trust: 'trusted' });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await page.keyboard.press(`${mod}+l`);
  const input = page.getByTestId('chat-input');
  await expect(input).toBeFocused();

  await input.pressSequentially('edit the empty-title error #prob');
  await page.keyboard.press('Enter');
  await input.pressSequentially('#git');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-chip')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-changeset')).toBeVisible();
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(1);

  await input.fill('rewrite the store');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-turn-end')).toHaveCount(2);
  const blocked = page.locator('[data-testid="chat-tool"][data-tool="fsWrite"]');
  const reason = blocked.getByTestId('chat-tool-blocked');
  await expect(reason).toContainText('rewrite refused: edit with strReplace');
  // In the narrow side bar the reason and the path wrap on lines of their own: nothing is cut off sideways.
  for (const line of [reason, blocked.getByTestId('chat-tool-summary')]) {
    await expect(line).toBeVisible();
    expect(await line.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await shootThemes(page, 'chat-tool-cards');
  await blocked.getByRole('button').first().click();

  // Wider side bar, as a user reading a chat would drag it.
  const sash = page.locator('.sash.vertical').first();
  const box = (await sash.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 220, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('chat-turn-end').last().scrollIntoViewIfNeeded();
  await shootThemes(page, 'chat-context');
});
