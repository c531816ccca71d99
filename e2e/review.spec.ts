import { test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeBedrock, type FakeBedrock } from './fixtures/fake-bedrock';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';
import { expect, openAndAnswerTrust, runCommand, shootThemes } from './fixtures/test';
import { connectHost, type HostClient } from './fixtures/ws-client';

// The change review driven the real way: the agent host (in the browser host) runs a Supervised turn against the
// fake Bedrock, its fsWrite lands in a changeset, and the user reviews it in the review tab.

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
  /** A second client of the host's contract (what the chat pane sends), on the page's own token. */
  rpc: HostClient;
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
  const rpc = await connectHost(host);
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
  const session = await s.rpc.request('agent/createSession', { role: 'executor', mode: 'supervised' });
  const changeset = s.rpc.next('agent/event', (p) => p.sessionId === session.id && p.event.type === 'changeset');
  await s.rpc.request('agent/prompt', { sessionId: session.id, text: 'Reword the storage comment and the empty-title error.' });
  const { event } = await changeset;
  if (event.type !== 'changeset') throw new Error('unreachable: matched a changeset event');
  return event.changesetId;
}

async function openWorkbench(page: Page, host: RunningHost): Promise<void> {
  // The example folder brings a hook, so the trust prompt opens on first load: stay restricted (no hook runs).
  await openAndAnswerTrust(page, host.url, 'restricted');
}

test('accept one hunk, reject another: the bytes on disk are exactly the accepted change', async ({ page }) => {
  const s = await start();
  try {
    await agentProposes(s);
    await openWorkbench(page, s.host);
    await runCommand(page, 'Review: Show Changes');
    const review = page.getByTestId('review');
    await expect(review).toBeVisible();
    // The agent's own closing words sit above the files (not the request that led to the change).
    await expect(page.getByTestId('review-summary')).toHaveText(SUMMARY);
    await expect(page.getByTestId('review-source')).toHaveText('Chat');
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
    await shootThemes(page, 'review');

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
    await shootThemes(page, 'review-conflict');

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
    // Kill the host without letting it shut down; its user data (where reviews are kept) stays for the restart.
    await s.host.kill();
    second = await startHost(s.host.workspace, { trust: 'undecided', userData: s.host.userData });
    await openWorkbench(page, second);
    await page.getByTestId('status-pending-changes').click();
    await expect(page.getByTestId('review')).toContainText('waiting for review when Keel stopped');
    await expect(page.getByTestId('review-hunk')).toHaveCount(2);
    await page.getByTestId('review-discard').click();
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'discarded');
    await expect(page.getByTestId('status-pending-changes')).toHaveCount(0);
    expect(readFileSync(join(s.host.workspace, FILE), 'utf8')).toBe(s.original);
  } finally {
    // The second host leaves the user-data dir it was given; the first one's stop removes it.
    await second?.stop();
    await stop(s);
  }
});
