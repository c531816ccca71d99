import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeBedrock, type FakeBedrock, type FakeResponse, type RecordedRequest } from './fixtures/fake-bedrock';
import { currentTurn } from './fixtures/fake-bedrock/script';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';
import { expect, mod, sendPrompt, test } from './fixtures/test';

// Kiro's permissions.yaml through the real host and a scripted model (the fake Bedrock server; AWS cannot run here).

const SECRET = 'sk-live-PERMISSION-TEST-4242';

let fake: FakeBedrock;
let host: RunningHost;

/** Each prompt word picks a plan: `read` tries every read path to .env, `run` runs one command. */
function script(request: RecordedRequest): FakeResponse {
  const { prompt, round } = currentTurn(request);
  if (prompt.includes('read the env')) {
    const plan = [
      { name: 'readFile', input: { path: '.env' } },
      { name: 'grepSearch', input: { query: 'sk-live' } },
      { name: 'fileSearch', input: { query: '.env' } },
      { name: 'readFile', input: { path: 'config/.env.production' } },
    ];
    const step = plan[round];
    return step ? { steps: [{ toolUse: step }] } : { steps: [{ text: 'I could not read it.' }] };
  }
  const command = prompt.match(/run `([^`]+)`/)?.[1];
  if (command && round === 0) return { steps: [{ toolUse: { name: 'executeBash', input: { command } } }] };
  return { steps: [{ text: 'Done.' }] };
}

test.beforeEach(async () => {
  fake = await startFakeBedrock({ script });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  const ws = copyWorkspace();
  writeFileSync(join(ws, '.env'), `API_KEY=${SECRET}\n`);
  mkdirSync(join(ws, 'config'));
  writeFileSync(join(ws, 'config/.env.production'), `API_KEY=${SECRET}\n`);
  host = await startHost(ws);
});
test.afterEach(async () => {
  await host.stop();
  await fake.close();
  rmSync(host.workspace, { recursive: true, force: true });
});

function writeRules(dir: string, text: string): void {
  mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
  writeFileSync(join(dir, '.kiro/settings/permissions.yaml'), text);
}

async function openChat(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await page.keyboard.press(`${mod}+l`);
  await expect(page.getByTestId('chat-input')).toBeFocused();
}

/** Tool results the model received, in order. */
function toolResults(): string[] {
  const last = fake.requests.at(-1)!;
  const messages = (last.body.messages ?? []) as Array<{ content: Array<{ toolResult?: { content: Array<{ text?: string }> } }> }>;
  return messages.flatMap((m) => m.content.flatMap((c) => (c.toolResult ? [c.toolResult.content.map((x) => x.text ?? '').join('')] : [])));
}

test('a workspace deny on .env reads holds for every file tool and the #file chip, even where the user lifted the built-in secret pattern', async ({ page }) => {
  // The user's own settings make .env files readable (that lifts Keel's built-in secret patterns for them)…
  writeRules(host.userData, 'rules:\n  - capability: fs_read\n    match: [".env", "config/.env.production"]\n    effect: allow\n');
  // …and the workspace denies them: deny wins over allow across scopes.
  writeRules(host.workspace, 'rules:\n  - capability: fs_read\n    match: [".env*"]\n    effect: deny\n');
  await openChat(page);
  await sendPrompt(page, 'read the env file');
  await expect(page.getByTestId('chat-answer').last()).toContainText('I could not read it.', { timeout: 30_000 });

  const results = toolResults();
  expect(results).toHaveLength(4);
  expect(results[0]).toMatch(/^Permission denied: reading \.env is denied by \.kiro\/settings\/permissions\.yaml, rule 1/);
  expect(results[1]).toMatch(/No matches/);
  expect(results[2]).not.toMatch(/^\.env$/m);
  expect(results[3]).toMatch(/Permission denied/);
  for (const r of fake.requests) expect(r.raw).not.toContain(SECRET);

  // The user attaching the file does not get past a deny either.
  const before = fake.requests.length;
  await sendPrompt(page, 'look at #file:.env please');
  await expect.poll(() => fake.requests.length).toBeGreaterThan(before);
  for (const r of fake.requests) expect(r.raw).not.toContain(SECRET);
});

test('without a deny, lifting the built-in pattern in the user\'s own settings is what makes .env readable', async ({ page }) => {
  writeRules(host.userData, 'rules:\n  - capability: fs_read\n    match: [".env"]\n    effect: allow\n');
  // A repository cannot do the same: its .kiroignore and its own allow rules do not lift the built-in patterns.
  writeFileSync(join(host.workspace, '.kiroignore'), '!.env*\n');
  writeRules(host.workspace, '- {capability: fs_read, match: ["config/.env.production"], effect: allow}\n');
  await openChat(page);
  await sendPrompt(page, 'read the env file');
  await expect(page.getByTestId('chat-answer').last()).toContainText('I could not read it.', { timeout: 30_000 });
  const results = toolResults();
  expect(results[0]).toContain(SECRET);
  expect(results[3]).toMatch(/looks like a secret/);
});

test('an ask rule asks, naming the rule; "Always allow" writes a rule to the chosen scope and the command then runs unasked', async ({ page }) => {
  // "Always allow" matters where no OS sandbox confines commands (Windows, Linux without bubblewrap): with one,
  // `node -p 42` runs confined and unasked. KEEL_SANDBOX=off is that machine's behaviour (only a closed set of
  // commands, such as `node --version`, runs unasked there).
  await host.stop();
  process.env.KEEL_SANDBOX = 'off';
  try {
    host = await startHost(host.workspace);
  } finally {
    delete process.env.KEEL_SANDBOX;
  }
  writeRules(host.workspace, '# team rules\nrules:\n  - capability: shell\n    match: ["git status*"]\n    effect: ask\n');
  await openChat(page);

  // git status is read-only (the trust table runs it unasked), but the rule asks.
  await sendPrompt(page, 'please run `git status`');
  await expect(page.getByTestId('command-text')).toHaveText('git status');
  await expect(page.getByTestId('command-rule')).toContainText('.kiro/settings/permissions.yaml, rule 1: capability: shell match: ["git status*"] effect: ask');
  await page.screenshot({ path: 'test-results/permissions-ask-rule.png' });
  await page.getByTestId('command-reject').click();
  await expect(page.getByTestId('command-text')).toHaveCount(0);
  await expect(page.getByTestId('chat-answer')).toHaveCount(1);

  // Not trusted by the table: asked; the user picks this workspace and Always allow.
  await sendPrompt(page, 'please run `node -p 42`');
  await expect(page.getByTestId('command-text')).toHaveText('node -p 42');
  await expect(page.getByTestId('command-rule')).toHaveCount(0);
  await page.getByTestId('command-trust-scope').selectOption('workspace');
  await page.screenshot({ path: 'test-results/permissions-always-allow.png' });
  await page.getByTestId('command-run-trust').click();
  await expect(page.getByTestId('command-text')).toHaveCount(0);
  await expect.poll(() => readFileSync(join(host.workspace, '.kiro/settings/permissions.yaml'), 'utf8')).toBe(
    '# team rules\nrules:\n  - capability: shell\n    match: ["git status*"]\n    effect: ask\n  - capability: shell\n    match: ["node", "node *"]\n    effect: allow\n',
  );
  await expect(page.getByTestId('chat-answer')).toHaveCount(2, { timeout: 30_000 });

  // Next time it runs without a prompt.
  const before = fake.requests.length;
  await sendPrompt(page, 'again, run `node -p 42`');
  await expect.poll(() => fake.requests.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 2);
  await expect(page.getByTestId('command-text')).toHaveCount(0);
  await expect(page.getByTestId('chat-answer')).toHaveCount(3, { timeout: 30_000 });
  expect(toolResults().at(-1)).toMatch(/Exit code: 0\n42/);
});
