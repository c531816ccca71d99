import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CORPUS_SPECS, corpusWorkspace, gitDiff } from './fixtures/specs/corpus';
import { startHost, type RunningHost } from './fixtures/host';
import { expect, mod, runCommand, test } from './fixtures/test';

const SPEC = '.kiro/specs/todo-priorities';
const FEATURE = '.kiro/specs/lambda-durable-function';
const BUGFIX = '.kiro/specs/dukascopy-file-not-found-fix';


async function openSpec(page: Page, name: string) {
  // The activity button toggles: click it only when the view is not already showing.
  if (!(await page.getByTestId('specs-view').isVisible())) await page.getByTestId('activity-specs').click();
  await page.locator(`[data-testid="spec-row"][data-spec="${name}"]`).click();
  await expect(page.locator(`[data-testid="spec-editor"][data-spec="${name}"]`)).toBeVisible();
}

const task = (page: Page, id: string) => page.locator(`[data-testid="task-row"][data-task-id="${id}"]`);
const card = (page: Page, id: string) => page.locator(`[data-testid="requirement-card"][data-requirement="${id}"]`);

/** A browser host on a git repository of corpus specs (both the feature and the bugfix one). */
async function openCorpus(page: Page): Promise<RunningHost> {
  const host = await startHost(corpusWorkspace([CORPUS_SPECS.feature, CORPUS_SPECS.bugfix]), { trust: 'undecided' });
  // Whether a folder without hooks asks for trust is the trust feature's call: if it asks, stay restricted.
  await page.addLocatorHandler(page.getByTestId('trust-dialog'), async () => {
    await page.getByTestId('trust-restricted').click();
  });
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  return host;
}

async function closeCorpus(host: RunningHost) {
  await host.stop();
  rmSync(host.workspace, { recursive: true, force: true });
}

test('a corpus spec: changing one task state in the tree and saving is a one-line git diff', async ({ page }) => {
  const host = await openCorpus(page);
  try {
    await openSpec(page, 'lambda-durable-function');
    await page.getByTestId('spec-tab-tasks').click();
    await expect(task(page, '4.1')).toHaveAttribute('data-state', 'open');
    await task(page, '4.1').getByTestId('task-check').click();
    await expect(task(page, '4.1')).toHaveAttribute('data-state', 'inProgress');
    await page.keyboard.press(`${mod}+s`);
    await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
    await expect.poll(() => gitDiff(host.workspace, '--numstat')).toBe(`1\t1\t${FEATURE}/tasks.md\n`);
    const changed = gitDiff(host.workspace, '-U0').split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toEqual(['-  - [ ]* 4.1 Create test file for SAM template validation', '+  - [-]* 4.1 Create test file for SAM template validation']);
  } finally {
    await closeCorpus(host);
  }
});

test('moving a requirement up renumbers it; tasks.md references follow, and one Undo takes both back', async ({ workbench: page, host }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-requirements').click();
  await card(page, '2').hover();
  await page.getByRole('button', { name: 'Move requirement 2 up' }).click();
  await expect(page.getByLabel('Title of requirement 1')).toHaveValue('List by priority');
  await expect(page.getByLabel('Title of requirement 2')).toHaveValue('Set a priority');
  await page.getByTestId('spec-tab-tasks').click();
  await expect(task(page, '1').getByTestId('task-ref')).toHaveText(['2.1', '2.2']);
  await expect(task(page, '3.1').getByTestId('task-ref')).toHaveText(['1.1', '1.2']);
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toBeVisible();

  // Undo in the Requirements pane: the move and the references it changed go back together.
  await page.getByTestId('spec-tab-requirements').click();
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByLabel('Title of requirement 1')).toHaveValue('Set a priority');
  await page.getByTestId('spec-tab-tasks').click();
  await expect(task(page, '1').getByTestId('task-ref')).toHaveText(['1.1', '1.2']);
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
  // Redo brings both back; saving writes both files.
  await page.getByTestId('spec-tab-requirements').click();
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(page.getByLabel('Title of requirement 1')).toHaveValue('List by priority');
  await page.keyboard.press(`${mod}+s`);
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
  const tasks = readFileSync(join(host.workspace, SPEC, 'tasks.md'), 'utf8');
  expect(tasks).toContain('  - Read todos without a priority as `normal`\n  - _Requirements: 2.1, 2.2_\n');
  expect(tasks).toContain('  - [ ] 3.1 Add a stable `sortByPriority` to `src/store.js`\n    - _Requirements: 1.1, 1.2_\n');
  const requirements = readFileSync(join(host.workspace, SPEC, 'requirements.md'), 'utf8');
  expect(requirements.indexOf('### Requirement 1: List by priority')).toBeLessThan(requirements.indexOf('### Requirement 2: Set a priority'));
});

test('an uncovered criterion is flagged in the traceability matrix and listed in the Problems panel, which opens it', async ({ workbench: page }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-trace').click();
  await expect(page.getByTestId('trace-summary')).toContainText('0 uncovered');
  await expect(page.locator('[data-testid="trace-row"][data-id="2.1"] .trace-mark')).toHaveCount(2); // tasks 3.1 and 4
  await page.getByTestId('spec-tab-requirements').click();
  await card(page, '2').getByLabel('New acceptance criterion').fill('WHEN there are no todos, THE Todo_CLI SHALL print "Nothing to do".');
  await card(page, '2').getByLabel('New acceptance criterion').press('Enter');
  await expect(page.locator('[data-criterion="2.4"]')).toBeVisible();

  await page.getByTestId('spec-tab-trace').click();
  await expect(page.getByTestId('trace-summary')).toContainText('1 uncovered');
  await expect(page.locator('[data-testid="trace-row"][data-id="2.4"]')).toHaveAttribute('data-uncovered', 'true');
  await expect(page.locator('[data-testid="trace-row"][data-uncovered]')).toHaveCount(1);

  await runCommand(page, 'Show Problems');
  const problem = page.getByTestId('problem-row').filter({ hasText: 'No task cites criterion 2.4.' });
  await expect(problem).toBeVisible();
  await problem.click();
  const editor = page.locator(`[data-testid="editor"][data-path="${SPEC}/requirements.md"]`);
  await expect(editor).toBeVisible();
  await expect(page.locator(`[data-testid="editor-tab"][data-path="${SPEC}/requirements.md"]`)).toHaveAttribute('aria-selected', 'true');
  // The new criterion is line 34 of requirements.md; the cursor lands on it.
  await expect(page.getByTestId('status-cursor')).toHaveText('Ln 34, Col 1');
  // The same finding is a marker in the file.
  await expect(editor.locator('.squiggly-info, .squiggly-hint, .squiggly-warning').first()).toBeAttached();

  // Citing 2.4 from a task clears it everywhere.
  await page.locator(`[data-testid="editor-tab"][data-path="spec:${SPEC}"]`).click();
  await page.getByTestId('spec-tab-tasks').click();
  await page.getByTestId('task-add').click();
  await page.getByTestId('new-task-form').getByLabel('Task title').fill('Print an empty-list message');
  await page.getByTestId('new-task-form').getByLabel('Requirements').fill('2.4');
  await page.getByTestId('new-task-form').getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('spec-tab-trace').click();
  await expect(page.getByTestId('trace-summary')).toContainText('0 uncovered');
  await expect(page.getByTestId('problem-row').filter({ hasText: '2.4' })).toHaveCount(0);
});

test('design preview draws mermaid diagrams and links requirement references to their criteria', async ({ page }) => {
  const host = await openCorpus(page);
  try {
    await openSpec(page, 'lambda-durable-function');
    await page.getByTestId('spec-tab-design').click();
    const preview = page.getByTestId('design-preview');
    await expect(preview.getByTestId('mermaid-diagram').first().locator('svg')).toBeVisible();
    await expect(preview.getByTestId('mermaid-diagram').first()).toContainText('SAM CLI');
    // Nothing from the diagram can run: mermaid's strict mode and the sanitizer leave no script or handler.
    expect(await preview.locator('script, [onclick], [onload], foreignObject').count()).toBe(0);
    await preview.locator('a.req-link[data-req="1.4"]').first().click();
    await expect(page.getByTestId('requirements-pane')).toBeVisible();
    await expect(page.locator('[data-testid="criterion"][data-criterion="1.4"]')).toBeInViewport();
  } finally {
    await closeCorpus(host);
  }
});

test('tasks.md in the plain editor: a code lens above each open task and its state and refs on hover', async ({ workbench: page }) => {
  await page.keyboard.press(`${mod}+p`);
  await page.keyboard.type(`${SPEC}/tasks.md`);
  await page.keyboard.press('Enter');
  const editor = page.locator(`[data-testid="editor"][data-path="${SPEC}/tasks.md"]`);
  await expect(editor.locator('.view-lines')).toContainText('Validate the priority');
  // Each task not done has its state and refs above it; "Start task" is there only when the task runner is.
  await expect(editor.locator('.codelens-decoration').filter({ hasText: '○ open · Requirements 1.3' }).first()).toBeVisible();
  await expect(editor.locator('.codelens-decoration').filter({ hasText: /○ open · optional · Requirements 1\.1, 2\.1$/ })).toHaveCount(1);
  // One line of lenses per task not done: 2, 2.1, 2.2, 3, 3.1, 3.2, 4 (task 1 is done).
  await expect(editor.locator('.codelens-decoration')).toHaveCount(7);
  await editor.locator('.view-line', { hasText: '2.2 Parse `--priority`' }).hover();
  const hover = page.locator('.monaco-hover:visible');
  await expect(hover).toContainText('Task 2.2');
  await expect(hover).toContainText('Not started');
  await expect(hover).toContainText('1.3');
});

test('closing a spec tab with unsaved edits asks; Cancel keeps them, Don\'t Save discards them', async ({ workbench: page, host }) => {
  const file = join(host.workspace, SPEC, 'tasks.md');
  const before = readFileSync(file, 'utf8');
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await task(page, '2.2').getByTestId('task-check').click();
  const tab = page.locator(`[data-testid="editor-tab"][data-path="spec:${SPEC}"]`);
  await expect(tab.getByTestId('tab-dirty')).toBeVisible();
  await tab.locator('.tab-close').click();
  await expect(page.getByTestId('dialog')).toContainText('todo-priorities');
  await page.getByTestId('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(task(page, '2.2')).toHaveAttribute('data-state', 'inProgress');
  await tab.locator('.tab-close').click();
  await page.getByTestId('dialog').getByRole('button', { name: "Don't Save" }).click();
  await expect(tab).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(before);
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-tasks').click();
  await expect(task(page, '2.2')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
});

test('a bugfix spec: its behaviour sections are editable and a new expected criterion lands in Kiro format', async ({ page }) => {
  const host = await openCorpus(page);
  try {
    await openSpec(page, 'dukascopy-file-not-found-fix');
    await page.getByTestId('spec-tab-requirements').click();
    await expect(page.getByTestId('spec-tab-requirements')).toHaveText('Bug Analysis');
    const sections = page.getByTestId('bugfix-section');
    await expect(sections).toHaveCount(3);
    const expected = page.locator('[data-testid="bugfix-section"][data-section="expected"]');
    await expect(expected.getByTestId('criterion')).toHaveCount(5);
    await expected.getByLabel('New acceptance criterion').fill('WHEN the data directory is missing THEN the system SHALL create it');
    await expected.getByLabel('New acceptance criterion').press('Enter');
    await expect(expected.getByTestId('criterion')).toHaveCount(6);
    await page.keyboard.press(`${mod}+s`);
    await expect(page.getByTestId('spec-tab-requirements').getByLabel('unsaved changes')).toHaveCount(0);
    await expect.poll(() => gitDiff(host.workspace, '--numstat')).toBe(`2\t0\t${BUGFIX}/bugfix.md\n`);
    expect(readFileSync(join(host.workspace, BUGFIX, 'bugfix.md'), 'utf8')).toContain(
      'rather than propagating a raw `FileNotFoundException`.\n\n2.6 WHEN the data directory is missing THEN the system SHALL create it\n\n### Unchanged Behavior',
    );
  } finally {
    await closeCorpus(host);
  }
});

test('files changed on disk (git checkout, another editor) refresh the tree, the cards and the matrix', async ({ workbench: page, host }) => {
  await openSpec(page, 'todo-priorities');
  await page.getByTestId('spec-tab-trace').click();
  await expect(page.getByTestId('trace-summary')).toContainText('0 uncovered');
  const reqFile = join(host.workspace, SPEC, 'requirements.md');
  const tasksFile = join(host.workspace, SPEC, 'tasks.md');
  writeFileSync(reqFile, readFileSync(reqFile, 'utf8') + '4. THE Todo_CLI SHALL list todos in under 100 ms.\n');
  writeFileSync(tasksFile, readFileSync(tasksFile, 'utf8').replace('- [ ] 2.1 Reject', '- [x] 2.1 Reject'));
  await expect(page.locator('[data-testid="trace-row"][data-id="2.4"]')).toHaveAttribute('data-uncovered', 'true');
  await page.getByTestId('spec-tab-tasks').click();
  await expect(task(page, '2.1')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('spec-tab-tasks').getByLabel('unsaved changes')).toHaveCount(0);
  await page.getByTestId('spec-tab-requirements').click();
  await expect(page.getByLabel('Criterion 2.4', { exact: true })).toHaveValue('THE Todo_CLI SHALL list todos in under 100 ms.');
});
