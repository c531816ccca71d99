import { expect, test, type Page } from '@playwright/test';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startFakeBedrock, type FakeBedrock } from './fixtures/fake-bedrock';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';

// The change review driven the real way: the agent host (in the browser host) runs a Supervised turn against the
// fake Bedrock, its fsWrite lands in a changeset, and the user reviews it in the review tab.

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const FILE = 'src/store.js';
const SUMMARY = 'Reworded the storage comment and the empty-title error.';

function proposed(original: string): string {
  return original
    .replace('/** Todos live in a JSON file next to where the command runs. */', '/** Todos are kept in a JSON file in the working folder. */')
    .replace("throw new Error('A todo needs a title.')", "throw new Error('A todo needs a non-empty title.')");
}

interface Session {
  fake: FakeBedrock;
  host: RunningHost;
  original: string;
  rpc: Rpc;
}

interface Rpc {
  call(channel: string, payload: unknown): Promise<unknown>;
  /** Resolves with the first event payload that matches. */
  waitFor(event: string, match: (payload: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): void;
}

/** A second client of the host's contract (what the chat pane sends), on the page's own token. */
async function connect(host: RunningHost): Promise<Rpc> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, {
    headers: { Cookie: `keel_token_${host.port}=${host.token}` },
    origin: `http://127.0.0.1:${host.port}`,
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  return {
    call(channel, payload) {
      const id = next++;
      return new Promise((resolve, reject) => {
        const onMessage = (data: WebSocket.RawData) => {
          const msg = JSON.parse(String(data)) as { id?: number; reply?: { ok: boolean; value?: unknown; error?: { message: string } } };
          if (msg.id !== id) return;
          ws.off('message', onMessage);
          if (msg.reply?.ok) resolve(msg.reply.value);
          else reject(new Error(`${channel}: ${msg.reply?.error?.message}`));
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, channel, payload }));
      });
    },
    waitFor(event, match) {
      return new Promise((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const msg = JSON.parse(String(data)) as { event?: string; payload?: Record<string, unknown> };
          if (msg.event === event && msg.payload && match(msg.payload)) {
            ws.off('message', onMessage);
            resolve(msg.payload);
          }
        };
        ws.on('message', onMessage);
      });
    },
    close: () => ws.close(),
  };
}

/** Fake Bedrock + browser host; the agent proposes `proposed(store.js)` in one Supervised turn. */
async function start(): Promise<Session> {
  const workspace = copyWorkspace();
  const original = readFileSync(join(workspace, FILE), 'utf8');
  const fake = await startFakeBedrock({
    script: [{ steps: [{ toolUse: { name: 'fsWrite', input: { path: FILE, text: proposed(original) } } }] }, { steps: [{ text: SUMMARY }] }],
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  const host = await startHost(workspace, { trust: 'undecided' });
  const rpc = await connect(host);
  return { fake, host, original, rpc };
}

async function stop(s: Session): Promise<void> {
  s.rpc.close();
  await s.host.stop();
  await s.fake.close();
  rmSync(s.host.workspace, { recursive: true, force: true });
}

/** Runs the agent's turn and waits until its changeset is registered with the review. */
async function agentProposes(s: Session): Promise<string> {
  const session = (await s.rpc.call('agent/createSession', { role: 'executor', mode: 'supervised' })) as { id: string };
  const changeset = s.rpc.waitFor('agent/event', (p) => p.sessionId === session.id && (p.event as { type: string }).type === 'changeset');
  await s.rpc.call('agent/prompt', { sessionId: session.id, text: 'Reword the storage comment and the empty-title error.' });
  return ((await changeset).event as { changesetId: string }).changesetId;
}

async function openWorkbench(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  // The example folder brings a hook, so the trust prompt opens on first load: stay restricted (no hook runs).
  await page.getByTestId('trust-restricted').click();
  await expect(page.getByTestId('trust-dialog')).toHaveCount(0);
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press(`${mod}+Shift+p`);
  await page.keyboard.type(title);
  await expect(page.getByTestId('quick-input-item').first()).toContainText(title);
  await page.keyboard.press('Enter');
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await runCommand(page, 'Toggle Light/Dark Theme');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.screenshot({ path: `/work/notes/shots/${name}-${theme}.png` });
  }
}

test('accept one hunk, reject another: the bytes on disk are exactly the accepted change', async ({ page }) => {
  const s = await start();
  try {
    await agentProposes(s);
    await openWorkbench(page, s.host);
    await runCommand(page, 'Review: Show Changes');
    const review = page.getByTestId('review');
    await expect(review).toBeVisible();
    // The summary above the files (today the host passes the request that led to the change).
    await expect(page.getByTestId('review-summary')).toContainText('storage comment');
    const file = page.getByTestId('review-file');
    await expect(file).toHaveCount(1);
    await expect(file).toContainText('store.js');
    await expect(file).toContainText('+2');
    await expect(file).toContainText('−2');
    await expect(page.getByTestId('diff-editor')).toBeVisible();
    const hunks = page.getByTestId('review-hunk');
    await expect(hunks).toHaveCount(2);

    await page.getByRole('button', { name: 'Accept hunk 1' }).click();
    await expect(hunks.nth(0)).toHaveAttribute('data-decision', 'accepted');
    // The keyboard: next change, then reject it (Alt+N), as a VS Code user would.
    await hunks.nth(1).click();
    await page.keyboard.press('Alt+N');
    await expect(hunks.nth(1)).toHaveAttribute('data-decision', 'rejected');
    await expect(page.getByTestId('review-apply')).toHaveText('Apply 1 Hunk');
    await shoot(page, 'review');

    await page.getByTestId('review-apply').click();
    await expect(review).toHaveAttribute('data-status', 'partial');
    await expect(page.getByTestId('review-status')).toContainText('1 of 2 hunks');
    const expected = s.original.replace('/** Todos live in a JSON file next to where the command runs. */', '/** Todos are kept in a JSON file in the working folder. */');
    expect(readFileSync(join(s.host.workspace, FILE))).toEqual(Buffer.from(expected, 'utf8'));

    // Revert puts the exact bytes back.
    await page.getByTestId('review-revert').click();
    await expect(page.getByTestId('review-revert')).toHaveCount(0);
    await expect(page.getByTestId('review-status')).toHaveText('Reverted');
    expect(readFileSync(join(s.host.workspace, FILE))).toEqual(Buffer.from(s.original, 'utf8'));
  } finally {
    await stop(s);
  }
});

test('a file edited on disk during review is shown as a conflict and never overwritten', async ({ page }) => {
  const s = await start();
  try {
    await agentProposes(s);
    await openWorkbench(page, s.host);
    // The status bar says a change waits; a click opens it.
    await expect(page.getByTestId('status-pending-changes')).toHaveText('1 change to review');
    await page.getByTestId('status-pending-changes').click();
    await expect(page.getByTestId('review-hunk')).toHaveCount(2);

    const theirs = s.original.replace('export function save(file, todos) {', 'export function save(file, todos) {\n  // saved by the user meanwhile');
    writeFileSync(join(s.host.workspace, FILE), theirs);
    await page.getByTestId('review-accept-all').click();
    await expect(page.getByTestId('review-apply')).toHaveText('Apply 2 Hunks');
    await page.getByTestId('review-apply').click();

    await expect(page.getByTestId('review-conflict')).toContainText('Changed on disk during review');
    await expect(page.getByTestId('review-conflict-view')).toBeVisible();
    await expect(page.getByTestId('review-conflict-view')).toContainText('On disk now (theirs)');
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'pending');
    expect(readFileSync(join(s.host.workspace, FILE), 'utf8')).toBe(theirs);
    await shoot(page, 'review-conflict');

    // Merge onto the disk version: the agent's change lands on top of the user's edit, then applies.
    await page.getByTestId('review-rebase').click();
    await expect(page.getByTestId('review-conflict')).toHaveCount(0);
    await page.getByTestId('review-accept-all').click();
    await page.getByTestId('review-apply').click();
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'applied');
    await expect(page.getByTestId('status-pending-changes')).toHaveCount(0);
    expect(readFileSync(join(s.host.workspace, FILE), 'utf8')).toBe(proposed(theirs));
  } finally {
    await stop(s);
  }
});

test('an edit typed into the proposed side is what gets applied', async ({ page }) => {
  const s = await start();
  try {
    await agentProposes(s);
    await openWorkbench(page, s.host);
    await runCommand(page, 'Review: Show Changes');
    const hunks = page.getByTestId('review-hunk');
    await expect(hunks).toHaveCount(2);
    await page.locator('.editor.modified .view-line', { hasText: 'are kept' }).click();
    // The cursor in a hunk makes it the current one (Accept/Reject Hunk act where the user is).
    await expect(page.getByTestId('review-hunk-bar')).toContainText('Hunk 1 of 2');
    await page.keyboard.press('End');
    await page.keyboard.type(' // edited');
    // The typed hunk counts as accepted (the user wrote it); the other one is rejected before applying.
    await expect(hunks.nth(0)).toHaveAttribute('data-decision', 'accepted');
    await page.getByRole('button', { name: 'Reject hunk 2' }).click();
    await expect(page.getByTestId('review-apply')).toHaveText('Apply 1 Hunk');
    await page.getByTestId('review-apply').click();
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'partial');
    const expected = s.original.replace(
      '/** Todos live in a JSON file next to where the command runs. */',
      '/** Todos are kept in a JSON file in the working folder. */ // edited',
    );
    expect(readFileSync(join(s.host.workspace, FILE), 'utf8')).toBe(expected);
  } finally {
    await stop(s);
  }
});

test('a change pending when the host was killed is offered again after the restart and can be discarded', async ({ page }) => {
  const s = await start();
  let second: RunningHost | undefined;
  try {
    await agentProposes(s);
    // The review is saved moments after it is registered; the kill comes once it is on disk.
    const saved = () => readdirSync(join(s.host.userData, 'changes'), { recursive: true }).filter((f) => String(f).endsWith('.json')).length;
    await expect.poll(() => (existsSync(join(s.host.userData, 'changes')) ? saved() : 0)).toBe(1);
    // Kill the host without letting it shut down; its user data (where reviews are kept) stays.
    const exited = new Promise((r) => s.host.process.once('exit', r));
    s.host.process.kill('SIGKILL');
    await exited;
    // startHost always makes a fresh user-data dir: carry the saved reviews over before anything asks for them.
    second = await startHost(s.host.workspace, { trust: 'undecided' });
    cpSync(join(s.host.userData, 'changes'), join(second.userData, 'changes'), { recursive: true });
    await openWorkbench(page, second);
    await page.getByTestId('status-pending-changes').click();
    await expect(page.getByTestId('review')).toContainText('waiting for review when Keel stopped');
    await expect(page.getByTestId('review-hunk')).toHaveCount(2);
    await page.getByTestId('review-discard').click();
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'discarded');
    await expect(page.getByTestId('status-pending-changes')).toHaveCount(0);
    expect(readFileSync(join(s.host.workspace, FILE), 'utf8')).toBe(s.original);
  } finally {
    await second?.stop();
    s.rpc.close();
    await s.fake.close();
    rmSync(s.host.userData, { recursive: true, force: true });
    rmSync(s.host.workspace, { recursive: true, force: true });
  }
});
