import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mod, test } from './fixtures/test';

const SPEC = '.kiro/specs/todo-priorities';

async function openSpecsView(page: Page) {
  await page.getByTestId('activity-specs').click();
  await expect(page.getByTestId('specs-view')).toBeVisible();
}

async function openSpec(page: Page, name: string) {
  await openSpecsView(page);
  await page.locator(`[data-testid="spec-row"][data-spec="${name}"]`).click();
  await expect(page.locator(`[data-testid="spec-editor"][data-spec="${name}"]`)).toBeVisible();
}

const task = (page: Page, id: string) => page.locator(`[data-testid="task-row"][data-task-id="${id}"]`);

/** The lines of `after` that differ from `before`, when both have the same number of lines. */
function changedLines(before: string, after: string): { line: number; from: string; to: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((from, line) => (from === b[line] ? [] : [{ line, from, to: b[line] as string }]));
}

test('the Specs view lists the example spec with its type and progress', async ({ workbench: page }) => {
  await openSpecsView(page);
  const row = page.locator('[data-testid="spec-row"][data-spec="todo-priorities"]');
  await expect(row).toContainText('Feature');
  await expect(row.getByTestId('spec-progress')).toHaveText('1/8');
});

test('ticking a task in the tree and saving changes exactly that line on disk', async ({ workbench: page, host }) => {
  const file = join(host.workspace, SPEC, 'tasks.md');
  const before = readFileSync(file, 'utf8');
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await expect(page.getByTestId('tasks-progress')).toContainText('1/8 done');
  // open → in progress → done
  await task(page, '2.1').getByTestId('task-check').click();
  await expect(task(page, '2.1')).toHaveAttribute('data-state', 'inProgress');
  await task(page, '2.1').getByTestId('task-check').click();
  await expect(task(page, '2.1')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('tasks-progress')).toContainText('2/8 done');
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toBeVisible();
  await page.keyboard.press(`${mod}+s`);
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
  const after = readFileSync(file, 'utf8');
  expect(changedLines(before, after)).toEqual([
    { line: 8, from: '  - [ ] 2.1 Reject unknown priorities in `addTodo`', to: '  - [x] 2.1 Reject unknown priorities in `addTodo`' },
  ]);
  // The Specs view follows the saved file.
  await expect(page.locator('[data-testid="spec-row"][data-spec="todo-priorities"]').getByTestId('spec-progress')).toHaveText('2/8');
});

test('an edit in the tree shows in the Markdown view and a typed edit shows in the tree', async ({ workbench: page }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await task(page, '3').getByTestId('task-check').click();
  await page.getByTestId('spec-view-markdown').click();
  const editor = page.locator(`[data-testid="editor"][data-path="${SPEC}/tasks.md"]`);
  await expect(editor.locator('.view-lines')).toContainText('- [-] 3. List todos by priority');
  // Type in the raw view: turn task 1 back to open.
  await editor.locator('.view-lines').click();
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await page.keyboard.type(' ');
  await page.getByTestId('spec-view-structured').click();
  await expect(task(page, '1')).toHaveAttribute('data-state', 'open');
  await expect(task(page, '3')).toHaveAttribute('data-state', 'inProgress');
  // Undo in the raw view reverts the typed edit; the tree follows again.
  await page.getByTestId('spec-view-markdown').click();
  await editor.locator('.view-lines').click();
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+z`);
  await page.getByTestId('spec-view-structured').click();
  await expect(task(page, '1')).toHaveAttribute('data-state', 'done');
});

test('a requirement chip on a task jumps to its criterion', async ({ workbench: page }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await task(page, '3.2').getByTestId('task-ref').first().click();
  await expect(page.getByTestId('requirements-pane')).toBeVisible();
  await expect(page.locator('[data-testid="criterion"][data-criterion="2.3"]')).toBeInViewport();
});
