import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';
import { expect, mod, shootThemes, test } from './fixtures/test';

const SPEC = '.kiro/specs/todo-priorities';
const specRow = (page: Page) => page.locator('[data-testid="spec-row"][data-spec="todo-priorities"]');
const taskRow = (page: Page, id: string) => page.locator(`[data-testid="task-row"][data-task-id="${id}"]`);

/** Every file of the folder dated `ms` ago (a copy is "now", which would be newer than the seeded run). */
function backdate(dir: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) backdate(p, ms);
    utimesSync(p, when, when);
  }
}

/**
 * Task 1 of the example spec was done by Keel's task runner a minute ago and wrote src/store.js: the run journal
 * the runner keeps in the user data dir (`runs/<sha256(root)[:16]>/tasks.jsonl`), written as it writes it.
 */
function seedRun(userData: string, workspace: string): void {
  const root = resolve(realpathSync(workspace));
  const dir = join(userData, 'runs', createHash('sha256').update(root).digest('hex').slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const at = new Date(Date.now() - 60_000).toISOString();
  const records = [
    { t: 'start', runId: 'r1', at, specDir: SPEC, taskId: '1', title: 'Store a priority with each todo', mode: 'supervised', kind: 'task' },
    { t: 'review', runId: 'r1', status: 'applied', files: [{ path: 'src/store.js', hunksApplied: 2, hunksTotal: 2 }] },
    { t: 'end', runId: 'r1', at, outcome: 'done' },
  ];
  writeFileSync(join(dir, 'tasks.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

async function start(page: Page): Promise<{ host: RunningHost; stop: () => Promise<void> }> {
  const workspace = copyWorkspace();
  backdate(workspace, 120_000);
  const host = await startHost(workspace);
  seedRun(host.userData, workspace);
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  return {
    host,
    stop: async () => {
      await host.stop();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** Changes a file the way another program would (an editor outside Keel, a script). */
function editOutside(host: RunningHost, rel: string, append: string): void {
  const file = join(host.workspace, rel);
  writeFileSync(file, readFileSync(file, 'utf8') + append);
}

test('a done task whose file changed afterwards is flagged in the Specs view, the Tasks tree, the matrix and Problems; Mark reviewed clears it until the next change', async ({ page }) => {
  const { host, stop } = await start(page);
  try {
    await page.getByTestId('activity-specs').click();
    await expect(specRow(page).getByTestId('spec-progress')).toHaveText('1/8');
    // Nothing changed since the run: no flag.
    await expect(specRow(page).getByTestId('spec-drift')).toHaveCount(0);

    editOutside(host, 'src/store.js', '// hand edit\n');
    const badge = specRow(page).getByTestId('spec-drift');
    await expect(badge).toHaveText('1 drifted');
    await expect(badge).toHaveAttribute('title', /src\/store\.js, which it wrote, changed afterwards outside a task/);

    // The badge opens the spec on its Tasks tree, where task 1 carries the flag with its reason and the actions.
    await badge.click();
    await expect(page.locator('[data-testid="spec-editor"][data-spec="todo-priorities"]')).toBeVisible();
    await expect(taskRow(page, '1').getByTestId('task-drift')).toHaveAttribute('title', /src\/store\.js/);
    const notice = page.locator('[data-testid="drift-notice"][data-task-id="1"]');
    await expect(notice).toContainText('src/store.js changed outside a task since it was done');
    await expect(taskRow(page, '2.1').getByTestId('task-drift')).toHaveCount(0);
    await shootThemes(page, 'drift-tasks');

    // The matrix marks task 1's column and lists it under "Changed since done".
    await page.getByTestId('spec-tab-trace').click();
    await expect(page.getByTestId('trace-drift-count')).toHaveText('1 task drifted');
    const column = page.locator('th.trace-task', { has: page.locator('[data-testid="trace-task"][data-task-id="1"]') });
    await expect(column).toHaveAttribute('data-drift', 'true');
    await expect(column).toHaveAttribute('title', /Drift: Task 1 is done, but src\/store\.js/);
    await expect(page.getByTestId('trace-drift').getByTestId('drift-notice')).toBeVisible();
    await shootThemes(page, 'drift-matrix');

    // Problems panel: a warning on tasks.md at task 1's line.
    await page.keyboard.press(`${mod}+Shift+M`);
    const problem = page.getByTestId('problem-row').filter({ hasText: 'src/store.js, which it wrote' });
    await expect(problem).toHaveAttribute('data-severity', 'warning');
    await expect(problem).toContainText('[Ln 3, Col 10]');

    // Mark reviewed (from the matrix): the flag goes everywhere, and the decision is a file in the repository.
    await page.getByTestId('trace-drift').getByTestId('drift-reviewed').click();
    await expect(page.getByTestId('trace-drift')).toHaveCount(0);
    await expect(column).not.toHaveAttribute('data-drift', 'true');
    await expect(specRow(page).getByTestId('spec-drift')).toHaveCount(0);
    await expect(problem).toHaveCount(0);
    const reviewed = JSON.parse(readFileSync(join(host.workspace, '.kiro/keel/drift-reviewed.json'), 'utf8')) as { tasks: Record<string, { files: Record<string, string> }> };
    expect(Object.keys(reviewed.tasks[`${SPEC}#1`]?.files ?? {})).toEqual(['src/store.js']);

    // A new change to the reviewed file flags the task again.
    editOutside(host, 'src/store.js', '// another edit\n');
    await expect(specRow(page).getByTestId('spec-drift')).toHaveText('1 drifted');
    await expect(column).toHaveAttribute('data-drift', 'true');
    await expect(column).toHaveAttribute('title', /changed after the drift was reviewed/);
  } finally {
    await stop();
  }
});

test('Re-open task sets the task back to [ ] in tasks.md — a one-line, undoable edit — and the flag goes', async ({ page }) => {
  const { host, stop } = await start(page);
  try {
    const file = join(host.workspace, SPEC, 'tasks.md');
    const before = readFileSync(file, 'utf8');
    editOutside(host, 'src/store.js', '// hand edit\n');
    await page.getByTestId('activity-specs').click();
    await specRow(page).getByTestId('spec-drift').click();
    // From the matrix: Re-open, then Ctrl+Z there puts the [x] back.
    await page.getByTestId('spec-tab-trace').click();
    await page.getByTestId('trace-drift').getByTestId('drift-reopen').click();
    await expect(page.getByTestId('trace-drift')).toHaveCount(0);
    await page.keyboard.press(`${mod}+z`);
    await expect(page.getByTestId('trace-drift')).toBeVisible();
    // From the Tasks tree.
    await page.getByTestId('spec-tab-tasks').click();
    const notice = page.locator('[data-testid="drift-notice"][data-task-id="1"]');
    await notice.getByTestId('drift-reopen').click();
    await expect(taskRow(page, '1')).toHaveAttribute('data-state', 'open');
    await expect(notice).toHaveCount(0);
    // Undo puts the [x] (and the flag) back; redo re-opens again.
    await page.keyboard.press(`${mod}+z`);
    await expect(taskRow(page, '1')).toHaveAttribute('data-state', 'done');
    await expect(notice).toBeVisible();
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect(taskRow(page, '1')).toHaveAttribute('data-state', 'open');
    await page.keyboard.press(`${mod}+s`);
    await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
    const after = readFileSync(file, 'utf8');
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    expect(a.flatMap((l, i) => (l === b[i] ? [] : [[l, b[i]]]))).toEqual([['- [x] 1. Store a priority with each todo', '- [ ] 1. Store a priority with each todo']]);
    // On disk the task is open: no drift anywhere (and no review file was written).
    await expect(specRow(page).getByTestId('spec-drift')).toHaveCount(0);
    expect(existsSync(join(host.workspace, '.kiro/keel/drift-reviewed.json'))).toBe(false);
    expect(statSync(file).size).toBe(Buffer.byteLength(after));
  } finally {
    await stop();
  }
});
