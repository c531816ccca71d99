import { test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeBedrock, type FakeBedrock, type RecordedRequest } from './fixtures/fake-bedrock';
import { copyWorkspace, repoRoot, startHost, type RunningHost } from './fixtures/host';
import { expect, openAndAnswerTrust, runCommand as palette, shootThemes as shoot } from './fixtures/test';

// Start task and Run all as a user: the palette, the review tab the run opens, the command ask for the check, and
// the bytes of tasks.md afterwards. The executor is the agent host in the browser host, talking to the fake Bedrock.

/** The task id from the executor's prompt ("Implement task 2.1 …"). */
function taskOf(request: RecordedRequest): string {
  const messages = request.body.messages as { content: { text?: string }[] }[];
  const prompt = messages[0]?.content.find((c) => c.text)?.text ?? '';
  return /Implement task (\S+)/.exec(prompt)?.[1] ?? 'x';
}

/** Each task: write `src/task-<id>.js`, then a closing summary once the tool result is back. */
async function fakeExecutor(): Promise<FakeBedrock> {
  const fake = await startFakeBedrock({
    script: (req) =>
      (req.body.messages as unknown[]).length === 1
        ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: `src/task-${taskOf(req)}.js`, text: `// task ${taskOf(req)}\nexport const done = true;\n` } } }] }
        : { steps: [{ text: `Implemented task ${taskOf(req)}.` }] },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  return fake;
}

/** Accept all, then apply (retrying the first click while the review tab is still loading). */
async function acceptReview(page: Page): Promise<void> {
  await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'pending');
  await expect(async () => {
    await page.getByTestId('review-accept-all').click();
    await expect(page.getByTestId('review-apply')).toBeEnabled({ timeout: 1000 });
  }).toPass();
  await page.getByTestId('review-apply').click();
}

const tasksFile = (host: RunningHost, spec: string) => join(host.workspace, '.kiro/specs', spec, 'tasks.md');

const COMMENT = ['/** Todos live in a JSON file next to where the command runs. */', '/** Todos are kept in a JSON file in the working folder. */'] as const;
// A second hunk that would break the example's own test (it expects /needs a title/): the user rejects it.
const MESSAGE = ["throw new Error('A todo needs a title.')", "throw new Error('A todo must have a title.')"] as const;

test('Start task from the palette: [-] at once, its review opens, accept one hunk and reject another, the check runs, bytes exact, tasks.md differs by one line', async ({ page }) => {
  const workspace = copyWorkspace();
  const store = join(workspace, 'src/store.js');
  const original = readFileSync(store, 'utf8');
  const fake = await startFakeBedrock({
    script: (req) =>
      (req.body.messages as unknown[]).length === 1
        ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/store.js', text: original.replace(...COMMENT).replace(...MESSAGE) } } }] }
        : { steps: [{ text: 'Reworded the storage comment and the empty-title error.' }] },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  const host = await startHost(workspace, { trust: 'undecided' });
  try {
    const before = readFileSync(tasksFile(host, 'todo-priorities'), 'utf8');
    await openAndAnswerTrust(page, host.url, 'trust');

    await palette(page, 'Tasks: Start Task');
    const input = page.getByTestId('quick-input').locator('input');
    await expect(page.getByTestId('quick-input-item').first()).toContainText('2 Validate the priority');
    await input.fill('2.1');
    await expect(page.getByTestId('quick-input-item').first()).toContainText('2.1 Reject unknown priorities');
    await page.keyboard.press('Enter');

    // The box shows [-] on disk while the run goes on.
    await expect.poll(() => readFileSync(tasksFile(host, 'todo-priorities'), 'utf8')).toBe(before.replace('  - [ ] 2.1', '  - [-] 2.1'));
    // The run opens its review by itself: the task's name (not "Chat"), the executor's closing words (not the
    // task's prompt), the file with its two hunks.
    await expect(page.getByTestId('review')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('review-source')).toHaveText('Task 2.1 · todo-priorities');
    await expect(page.getByTestId('review-summary')).toHaveText('Reworded the storage comment and the empty-title error.');
    await expect(page.getByTestId('review-file')).toContainText('store.js');
    await expect(page.getByTestId('review-hunk')).toHaveCount(2);
    await expect(page.getByTestId('status-task-run')).toContainText('waiting for your review');
    await shoot(page, 'tasks-review');
    await expect(async () => {
      await page.getByRole('button', { name: 'Accept hunk 1' }).click();
      await expect(page.getByTestId('review-hunk').nth(0)).toHaveAttribute('data-decision', 'accepted', { timeout: 1000 });
    }).toPass();
    await page.getByRole('button', { name: 'Reject hunk 2' }).click();
    await expect(page.getByTestId('review-apply')).toHaveText('Apply 1 Hunk');
    await page.getByTestId('review-apply').click();
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'partial');
    expect(readFileSync(store)).toEqual(Buffer.from(original.replace(...COMMENT), 'utf8'));

    // The example's steering says tests run with `node --test`: the check runs in the OS sandbox without an ask (and
    // passes: the hunk that would have broken it was rejected).

    await expect.poll(() => readFileSync(tasksFile(host, 'todo-priorities'), 'utf8'), { timeout: 30_000 }).toBe(before.replace('  - [ ] 2.1', '  - [x] 2.1'));
    const after = readFileSync(tasksFile(host, 'todo-priorities'), 'utf8').split('\n');
    expect(after.filter((line, i) => line !== before.split('\n')[i])).toEqual(['  - [x] 2.1 Reject unknown priorities in `addTodo`']);

    // The run log and history in the Tasks panel.
    await palette(page, 'Tasks: Show Run Log');
    const log = page.getByTestId('task-log');
    await expect(log).toContainText('Check `node --test` passed.');
    await expect(page.getByTestId('task-history').locator('tbody tr').first()).toHaveAttribute('data-outcome', 'done');
    await expect(page.getByTestId('task-history')).toContainText('src/store.js');
    // What became of the change (hunks applied) and the way back to its review.
    await expect(page.getByTestId('task-history-review').first()).toHaveText('partial · 1/2 hunks');
    await shoot(page, 'tasks-log');
  } finally {
    await host.stop();
    await fake.close();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});

test('Run all over three tasks: each review in turn, progress to 3/3, every box ticked', async ({ page }) => {
  const fake = await fakeExecutor();
  const host = await startHost(copyWorkspace(join(repoRoot, 'e2e/fixtures/tasks/three-tasks')), { trust: 'undecided' });
  try {
    const before = readFileSync(tasksFile(host, 'greetings'), 'utf8');
    await openAndAnswerTrust(page, host.url, 'restricted');
    await palette(page, 'Tasks: Run All Tasks');
    await expect(page.getByTestId('task-batch')).toBeVisible();

    for (const [i, id] of ['1', '2', '3'].entries()) {
      // Each task's review opens by itself once the executor is done.
      await expect(page.getByTestId('review-file')).toContainText(`task-${id}.js`, { timeout: 20_000 });
      await expect(page.getByTestId('task-active').first()).toHaveAttribute('data-task', id);
      if (id === '2') await shoot(page, 'tasks-run-all');
      await acceptReview(page);
      await expect(page.getByTestId('task-batch-count')).toHaveText(`${i + 1}/3`);
    }
    await expect(page.getByTestId('task-batch')).toHaveAttribute('data-state', 'finished', { timeout: 20_000 });
    await expect(page.getByTestId('task-batch-count')).toHaveText('3/3');
    expect(readFileSync(tasksFile(host, 'greetings'), 'utf8')).toBe(before.replaceAll('- [ ]', '- [x]'));
    for (const id of ['1', '2', '3']) expect(readFileSync(join(host.workspace, `src/task-${id}.js`), 'utf8')).toContain(`task ${id}`);
  } finally {
    await host.stop();
    await fake.close();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});

/** Tasks: Start Task from the palette, picking the task by its id (the pick's first line must be `title`). */
async function startTask(page: Page, id: string, title: string): Promise<void> {
  await palette(page, 'Tasks: Start Task');
  await page.getByTestId('quick-input').locator('input').fill(id);
  await expect(page.getByTestId('quick-input-item').first()).toContainText(title);
  await page.keyboard.press('Enter');
}

test('a host killed mid-run comes back with the task not shown done: [-] is put back to [ ] and the panel says so', async ({ page }) => {
  const fake = await startFakeBedrock({ script: () => ({ steps: [{ text: 'Looking at the code' }, { hang: true }] }) });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  const workspace = copyWorkspace();
  const file = join(workspace, '.kiro/specs/todo-priorities/tasks.md');
  const before = readFileSync(file, 'utf8');
  const first = await startHost(workspace, { trust: 'undecided' });
  let second: RunningHost | undefined;
  try {
    await openAndAnswerTrust(page, first.url, 'restricted');
    await startTask(page, '3.1', '3.1 Add a stable');
    await expect(page.getByTestId('status-task-run')).toContainText('the executor is working');
    expect(readFileSync(file, 'utf8')).toBe(before.replace('  - [ ] 3.1', '  - [-] 3.1'));

    await first.kill();
    // The dead process's claim is still on disk until Keel comes back.
    expect(readFileSync(file, 'utf8')).toBe(before.replace('  - [ ] 3.1', '  - [-] 3.1'));

    // The same user-data dir: the run journal that says what the killed host was doing.
    second = await startHost(workspace, { trust: 'undecided', userData: first.userData });
    await page.goto(second.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await expect.poll(() => readFileSync(file, 'utf8')).toBe(before);
    await palette(page, 'Tasks: Show Run Log');
    await expect(page.getByTestId('task-recovered')).toContainText('3.1 Add a stable `sortByPriority`');
    await page.getByTestId('task-recovered').screenshot({ path: test.info().outputPath('tasks-recovered.png') });
  } finally {
    await second?.stop();
    await first.stop();
    await fake.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('a task change waiting for review when the host was killed: applied after the restart, its check runs and ticks [x]', async ({ page }) => {
  const workspace = copyWorkspace();
  const store = join(workspace, 'src/store.js');
  const original = readFileSync(store, 'utf8');
  const fake = await startFakeBedrock({
    script: (req) =>
      (req.body.messages as unknown[]).length === 1
        ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/store.js', text: original.replace(...COMMENT) } } }] }
        : { steps: [{ text: 'Reworded the storage comment.' }] },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  const file = join(workspace, '.kiro/specs/todo-priorities/tasks.md');
  const before = readFileSync(file, 'utf8');
  const first = await startHost(workspace, { trust: 'undecided' });
  let second: RunningHost | undefined;
  try {
    await openAndAnswerTrust(page, first.url, 'trust');
    await startTask(page, '2.1', '2.1 Reject unknown priorities');
    await expect(page.getByTestId('review')).toBeVisible({ timeout: 20_000 });
    // Killed once the review is saved (where a restart finds it).
    const changes = join(first.userData, 'changes');
    const saved = () => (existsSync(changes) ? readdirSync(changes, { recursive: true }).filter((f) => String(f).endsWith('.json')).length : 0);
    await expect.poll(saved).toBe(1);
    await first.kill();

    second = await startHost(workspace, { trust: 'undecided', userData: first.userData });
    await page.goto(second.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await expect.poll(() => readFileSync(file, 'utf8')).toBe(before);
    // The Tasks panel says the put-back task's change waits for review, and opens it.
    await palette(page, 'Tasks: Show Run Log');
    await expect(page.getByTestId('task-recovered-review')).toContainText('Its change is waiting for review');
    await page.getByTestId('task-recovered').screenshot({ path: test.info().outputPath('tasks-recovered-review.png') });
    await page.getByTestId('task-recovered-open-review').click();
    await expect(page.getByTestId('review')).toContainText('waiting for review when Keel stopped');
    await acceptReview(page);
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'applied');
    expect(readFileSync(store, 'utf8')).toBe(original.replace(...COMMENT));

    // Applying it finishes the task as the run would have: the check runs (sandboxed, unasked), passes → [x].
    await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 30_000 }).toBe(before.replace('  - [ ] 2.1', '  - [x] 2.1'));
    await palette(page, 'Tasks: Show Run Log');
    await expect(page.getByTestId('task-log')).toContainText('Applied after restart');
    await expect(page.getByTestId('task-log')).toContainText('Check `node --test` passed.');
    await expect(page.getByTestId('task-history').locator('tbody tr').first()).toHaveAttribute('data-outcome', 'done');
  } finally {
    await second?.stop();
    await first.stop();
    await fake.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('Run all: Pause waits after the current task, Resume goes on; killed mid-run, Resume after the restart continues from tasks.md; Stop ends it', async ({ page }) => {
  // Two host starts and five reviews: longer than the default minute on a loaded machine.
  test.setTimeout(150_000);
  // Task 2 hangs on its first attempt (the host is killed there), and is written normally after the restart.
  let hangTask2 = true;
  const fake = await startFakeBedrock({
    script: (req) => {
      const id = taskOf(req);
      if (id === '2' && hangTask2) return { steps: [{ text: 'Working on it' }, { hang: true }] };
      return (req.body.messages as unknown[]).length === 1
        ? { steps: [{ toolUse: { name: 'fsWrite', input: { path: `src/task-${id}.js`, text: `// task ${id}\n` } } }] }
        : { steps: [{ text: `Implemented task ${id}.` }] };
    },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  const first = await startHost(copyWorkspace(join(repoRoot, 'e2e/fixtures/tasks/three-tasks')), { trust: 'undecided' });
  let second: RunningHost | undefined;
  const tasks = () => readFileSync(tasksFile(first, 'greetings'), 'utf8');
  const before = tasks();
  const box = (text: string, id: string, state: string) => text.replace(`- [ ] ${id}.`, `- [${state}] ${id}.`);
  const batch = page.getByTestId('task-batch');
  try {
    await openAndAnswerTrust(page, first.url, 'restricted');
    await palette(page, 'Tasks: Run All Tasks');
    await expect(page.getByTestId('review-file')).toContainText('task-1.js', { timeout: 20_000 });

    // Pause while task 1 is in review: it finishes, and the batch waits before task 2.
    await page.getByTestId('task-pause').click();
    await expect(batch).toHaveAttribute('data-state', 'pausing');
    await acceptReview(page);
    await expect(batch).toHaveAttribute('data-state', 'paused');
    await expect(page.getByTestId('task-batch-count')).toHaveText('1/3');
    expect(tasks()).toBe(box(before, '1', 'x'));
    expect(fake.requests.map(taskOf)).not.toContain('2');

    // Resume: task 2 starts (and hangs in the executor); the host dies there.
    await page.getByTestId('task-resume').click();
    await expect(page.getByTestId('task-active').first()).toHaveAttribute('data-task', '2');
    await expect.poll(tasks).toBe(box(box(before, '1', 'x'), '2', '-'));
    await first.kill();

    // The restart puts task 2 back to [ ] and offers to resume the Run all, which goes on from tasks.md.
    hangTask2 = false;
    second = await startHost(first.workspace, { trust: 'undecided', userData: first.userData });
    await page.goto(second.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await expect.poll(tasks).toBe(box(before, '1', 'x'));
    await palette(page, 'Tasks: Show Run Log');
    await expect(page.getByTestId('task-interrupted')).toContainText('Run all of greetings was interrupted');
    await page.getByTestId('task-interrupted').screenshot({ path: test.info().outputPath('tasks-interrupted.png') });
    await page.getByTestId('task-resume-interrupted').click();
    await expect(page.getByTestId('task-interrupted')).toHaveCount(0);
    await expect(page.getByTestId('review-file')).toContainText('task-2.js', { timeout: 20_000 });
    await expect(page.getByTestId('task-batch-count')).toHaveText('0/2');
    await acceptReview(page);
    await expect(page.getByTestId('task-batch-count')).toHaveText('1/2');
    // Task 2 ran again, so the "put back after a crash" banner no longer names it.
    await expect(page.getByTestId('task-recovered')).toHaveCount(0);

    // Stop during task 3's review: its review is closed, nothing of it is written, its box goes back to [ ].
    await expect(page.getByTestId('review-file')).toContainText('task-3.js', { timeout: 20_000 });
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'pending');
    // Each task's review tab says which task it is (they used to be all "Review Changes").
    await expect(page.locator('[data-testid="editor-tab"][aria-selected="true"]')).toHaveText('Review: Task 3');
    await page.getByTestId('task-stop').click();
    await expect(batch).toHaveAttribute('data-state', 'stopped');
    await expect(page.getByTestId('review')).toHaveAttribute('data-status', 'discarded');
    expect(tasks()).toBe(box(box(before, '1', 'x'), '2', 'x'));
    expect(existsSync(join(first.workspace, 'src/task-3.js'))).toBe(false);
    // The reason is in the task's run log, and its history row says it went back.
    await expect(page.getByTestId('task-log')).toContainText('Stopped by the user.');
    await expect(page.getByTestId('task-history').locator('tbody tr').first()).toHaveAttribute('data-outcome', 'reverted');
    await expect(page.getByTestId('task-history-review').first()).toHaveText('discarded · 0/1 hunk');
    await shoot(page, 'tasks-stopped');
  } finally {
    await second?.stop();
    await first.stop();
    await fake.close();
    rmSync(first.workspace, { recursive: true, force: true });
  }
});
