import { readFileSync, writeFileSync } from 'node:fs';
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
  await expect(page.locator('[data-testid="spec-row"][data-spec="todo-priorities"]').getByTestId('spec-unsaved')).toBeVisible();
  await page.keyboard.press(`${mod}+s`);
  await expect(page.locator('[data-testid="spec-row"][data-spec="todo-priorities"]').getByTestId('spec-unsaved')).toHaveCount(0);
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
  const title = task(page, '3.2').getByLabel('Title of task 3.2');
  await title.fill('Print `!` before high-priority todos');
  await title.press('Enter');
  await page.getByTestId('spec-view-markdown').click();
  const editor = page.locator(`[data-testid="editor"][data-path="${SPEC}/tasks.md"]`);
  await expect(editor.locator('.view-lines')).toContainText('- [-] 3. List todos by priority');
  await expect(editor.locator('.view-lines')).toContainText('- [ ] 3.2 Print `!` before high-priority todos');
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

const EXPECTED = join(process.cwd(), 'e2e/fixtures/specs/offline-sync');
const UUID = /"specId": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/;

test('create a spec, add a requirement with two criteria and three tasks, tick one: the files equal the fixture', async ({ workbench: page, host }) => {
  await openSpecsView(page);
  await page.getByTestId('spec-new').click();
  const form = page.getByTestId('new-spec-form');
  await form.getByLabel('Spec name').fill('Offline Sync');
  await expect(form).toContainText('.kiro/specs/offline-sync');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('[data-testid="spec-editor"][data-spec="offline-sync"]')).toBeVisible();
  await expect(page.locator('[data-testid="spec-row"][data-spec="offline-sync"]')).toContainText('no tasks');

  await page.getByTestId('spec-tab-requirements').click();
  await page.getByTestId('requirement-add').click();
  const req = page.getByTestId('new-requirement-form');
  await req.getByLabel('Requirement title').fill('Work without a connection');
  await req.getByLabel('User story').fill('As a traveller, I want to edit my notes offline, so that I can work on a plane');
  await req.getByLabel('Acceptance criteria').fill(
    'WHEN the device is offline, THE Notes_App SHALL save edits locally.\nWHEN the connection returns, THE Notes_App SHALL upload the saved edits.',
  );
  await req.getByRole('button', { name: 'Add Requirement' }).click();
  await expect(page.getByTestId('criterion')).toHaveCount(2);
  await expect(page.locator('[data-criterion="1.1"]')).toContainText('Event (WHEN)');

  await page.getByTestId('spec-tab-tasks').click();
  const titles: [string, string][] = [
    ['Store edits in a local queue', '1.1'],
    ['Upload the queue when online', '1.2'],
    ['Test offline editing end to end', '1.1, 1.2'],
  ];
  for (const [title, refs] of titles) {
    await page.getByTestId('task-add').click();
    const f = page.getByTestId('new-task-form');
    await f.getByLabel('Task title').fill(title);
    await f.getByLabel('Requirements').fill(refs);
    await f.getByRole('button', { name: 'Add' }).click();
  }
  await expect(page.getByTestId('task-row')).toHaveCount(3);
  await task(page, '1').getByTestId('task-check').click();
  await task(page, '1').getByTestId('task-check').click();
  await expect(task(page, '1')).toHaveAttribute('data-state', 'done');
  await page.keyboard.press(`${mod}+s`);
  await expect(page.locator('[data-testid="spec-row"][data-spec="offline-sync"]').getByTestId('spec-progress')).toHaveText('1/3');

  const dir = join(host.workspace, '.kiro/specs/offline-sync');
  for (const name of ['requirements.md', 'design.md', 'tasks.md']) {
    expect(readFileSync(join(dir, name), 'utf8'), name).toBe(readFileSync(join(EXPECTED, name), 'utf8'));
  }
  // The spec id is a fresh UUID (as Kiro writes it); everything else in .config.kiro is fixed.
  const config = readFileSync(join(dir, '.config.kiro'), 'utf8');
  expect(config).toMatch(UUID);
  expect(config.replace(UUID, '"specId": "<uuid>"')).toBe(readFileSync(join(EXPECTED, '.config.kiro'), 'utf8'));
});

test('a task file changed on disk under unsaved tree edits raises the conflict bar; nothing is lost', async ({ workbench: page, host }) => {
  const file = join(host.workspace, SPEC, 'tasks.md');
  const original = readFileSync(file, 'utf8');
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await task(page, '4').getByTestId('task-check').click();
  await expect(task(page, '4')).toHaveAttribute('data-state', 'inProgress');
  const theirs = original.replace('- [ ] 3. List todos by priority', '- [x] 3. List todos by priority');
  writeFileSync(file, theirs);
  await expect(page.getByTestId('conflict-bar')).toBeVisible();
  // The tree still shows the user's edit, not the disk's.
  await expect(task(page, '4')).toHaveAttribute('data-state', 'inProgress');
  await expect(task(page, '3')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('conflict-compare').click();
  await expect(page.locator('.monaco-diff-editor')).toBeVisible();
  await page.getByTestId('conflict-take-theirs').click();
  await expect(page.getByTestId('conflict-bar')).toHaveCount(0);
  await expect(task(page, '3')).toHaveAttribute('data-state', 'done');
  await expect(task(page, '4')).toHaveAttribute('data-state', 'open');
  expect(readFileSync(file, 'utf8')).toBe(theirs);
});

test('deleting a requirement renumbers the later one and the task references follow', async ({ workbench: page, host }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-requirements').click();
  await page.locator('[data-testid="requirement-card"][data-requirement="1"]').hover();
  await page.getByRole('button', { name: 'Delete requirement 1' }).click();
  await expect(page.getByTestId('requirement-card')).toHaveCount(1);
  await expect(page.getByLabel('Title of requirement 1')).toHaveValue('List by priority');
  await page.getByTestId('spec-tab-tasks').click();
  await expect(task(page, '3.1').getByTestId('task-ref')).toHaveText(['1.1', '1.2']);
  await page.keyboard.press(`${mod}+s`);
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
  await expect(page.getByTestId('spec-tab-requirements').getByLabel('unsaved changes')).toHaveCount(0);
  const tasks = readFileSync(join(host.workspace, SPEC, 'tasks.md'), 'utf8');
  expect(tasks).toContain('  - [ ] 3.1 Add a stable `sortByPriority` to `src/store.js`\n    - _Requirements: 1.1, 1.2_\n');
  expect(tasks).toContain('  - [ ] 3.2 Print `!` after the checkbox of high-priority todos\n    - _Requirements: 1.3_\n');
});

test('the Design tab shows the outline and a rendered preview, with no script from the file running', async ({ workbench: page, host }) => {
  const file = join(host.workspace, SPEC, 'design.md');
  writeFileSync(file, readFileSync(file, 'utf8') + '\n<img src="x" onerror="document.title=\'pwned\'">\n');
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-design').click();
  const preview = page.getByTestId('design-preview');
  await expect(preview.locator('h2', { hasText: 'Architecture' })).toBeVisible();
  // The mermaid block is drawn as a diagram (its source stays in the page, hidden).
  await expect(preview.getByTestId('mermaid-diagram').locator('svg')).toBeVisible();
  await page.getByRole('navigation', { name: 'Design outline' }).getByRole('button', { name: 'Testing Strategy' }).click();
  await expect(preview.locator('h2', { hasText: 'Testing Strategy' })).toBeInViewport();
  expect(await page.title()).not.toBe('pwned');
  expect(await preview.locator('img').getAttribute('onerror')).toBeNull();
});

test('a reference to a criterion that does not exist is flagged on the task and underlined in the Markdown view', async ({ workbench: page }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await page.getByTestId('task-add').click();
  const f = page.getByTestId('new-task-form');
  await f.getByLabel('Task title').fill('Document priorities');
  await f.getByLabel('Requirements').fill('2.1, 9.9');
  await f.getByRole('button', { name: 'Add' }).click();
  const refs = task(page, '5').getByTestId('task-ref');
  await expect(refs).toHaveText(['2.1', '9.9']);
  await expect(refs.nth(1)).toHaveClass(/dangling/);
  await expect(refs.nth(1)).toHaveAttribute('title', /9\.9.*does not define/);
  await expect(refs.nth(0)).not.toHaveClass(/dangling/);
  await page.getByTestId('spec-view-markdown').click();
  const editor = page.locator(`[data-testid="editor"][data-path="${SPEC}/tasks.md"]`);
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
});
