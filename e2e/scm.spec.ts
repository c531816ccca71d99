import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './fixtures/host';

const lines = (edits: Record<number, string> = {}) => Array.from({ length: 40 }, (_, i) => edits[i + 1] ?? `const line${i + 1} = ${i + 1};`).join('\n') + '\n';

/** A workspace that is a git repository with one commit (the host runs with an empty HOME: identity is local). */
function gitWorkspace(init = true): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'keel-scm-'));
  const write = (p: string, t: string) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  };
  write('src/app.js', lines());
  write('README.md', '# Demo\n');
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env });
  if (init) {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'E2E User');
    git('config', 'user.email', 'e2e@example.com');
    git('add', '-A');
    git('commit', '-qm', 'initial');
  }
  return { dir, git };
}

const test = base.extend<{ repo: { dir: string; git: (...args: string[]) => string; init: boolean }; host: RunningHost; workbench: Page }>({
  repo: [{ dir: '', git: () => '', init: true }, { option: true }],
  host: async ({ repo }, use) => {
    const host = await startHost(repo.dir);
    await use(host);
    await host.stop();
    rmSync(repo.dir, { recursive: true, force: true });
  },
  workbench: async ({ page, host }, use) => {
    // A new folder asks about trust; source control works the same either way, so stay restricted.
    await page.addLocatorHandler(page.getByTestId('trust-dialog'), async () => {
      await page.getByTestId('trust-restricted').click();
    });
    await page.goto(host.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await use(page);
  },
});

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const fileRow = (page: Page, group: string, path: string) => page.locator(`[data-testid="scm-file"][data-group="${group}"][data-path="${path}"]`);

test.describe('source control in a repository', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take an object pattern
  test.use({ repo: async ({}, use) => use({ ...gitWorkspace(), init: true }) });

  test('stage one hunk from the diff, commit it with Ctrl+Enter, create and switch branches', async ({ workbench: page, repo }) => {
    writeFileSync(join(repo.dir, 'src/app.js'), lines({ 3: 'const first = "edit";', 36: 'const second = "edit";' }));
    await expect(page.getByTestId('status-branch')).toHaveText('main');
    await expect(page.getByTestId('status-changes')).toHaveText('1 change');

    await page.keyboard.press(`${mod}+Shift+G`);
    await expect(page.getByTestId('scm-view')).toBeVisible();
    await expect(page.getByTestId('scm-message')).toBeFocused();
    await fileRow(page, 'changes', 'src/app.js').click();

    const diff = page.getByTestId('scm-diff');
    await expect(diff).toHaveAttribute('data-side', 'changes');
    await expect(diff.getByTestId('scm-hunk')).toHaveCount(2);
    await expect(diff.getByTestId('scm-hunk').nth(1)).toContainText('Line 36');
    await diff.getByTestId('scm-hunk-apply').nth(1).click();
    // The staged hunk leaves this diff; the file is now both staged and changed.
    await expect(diff.getByTestId('scm-hunk')).toHaveCount(1);
    await expect(fileRow(page, 'staged', 'src/app.js')).toBeVisible();
    await expect(fileRow(page, 'changes', 'src/app.js')).toBeVisible();
    const cached = repo.git('diff', '--cached');
    expect(cached).toContain('+const second = "edit";');
    expect(cached).not.toContain('first');

    await page.getByTestId('scm-message').fill('Second edit only');
    await page.getByTestId('scm-message').press(`${mod}+Enter`);
    await expect(page.getByTestId('scm-message')).toHaveValue('');
    await expect(page.getByTestId('scm-count-staged')).toHaveCount(0);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('Second edit only');
    expect(repo.git('show', 'HEAD:src/app.js')).toBe(lines({ 36: 'const second = "edit";' }));
    // The working tree keeps the unstaged first edit.
    expect(readFileSync(join(repo.dir, 'src/app.js'), 'utf8')).toContain('const first = "edit";');
    await expect(page.getByTestId('status-changes')).toHaveText('1 change');

    // New branch from the status bar's branch picker.
    await page.getByTestId('status-branch').click();
    await page.getByTestId('quick-input-item').filter({ hasText: 'Create new branch' }).click();
    const name = page.getByTestId('scm-branch-input').locator('input');
    await name.fill('feature/login');
    await name.press('Enter');
    await expect(page.getByTestId('status-branch')).toHaveText('feature/login');
    expect(repo.git('branch', '--show-current').trim()).toBe('feature/login');

    // And back to main (uncommitted changes that do not conflict travel along, as with git switch).
    await page.getByTestId('scm-branch').click();
    await page.getByTestId('quick-input-item').filter({ hasText: /^main/ }).click();
    await expect(page.getByTestId('status-branch')).toHaveText('main');
    expect(repo.git('branch', '--show-current').trim()).toBe('main');

    // The log shows the new commit first.
    await page.getByTestId('scm-log').getByRole('button', { name: 'Commits' }).click();
    await expect(page.getByTestId('scm-commit-row').first()).toContainText('Second edit only');
  });

  test('discard asks first and keeps the file when cancelled; a commit in a terminal refreshes the view', async ({ workbench: page, repo }) => {
    writeFileSync(join(repo.dir, 'README.md'), '# Demo\n\nMy unsaved thoughts.\n');
    await page.keyboard.press(`${mod}+Shift+G`);
    const row = fileRow(page, 'changes', 'README.md');
    await row.hover();
    await row.getByRole('button', { name: 'Discard Changes' }).click();
    await expect(page.getByTestId('dialog')).toContainText('discard the changes in README.md');
    await page.getByTestId('dialog-cancel').click();
    expect(readFileSync(join(repo.dir, 'README.md'), 'utf8')).toContain('My unsaved thoughts.');
    await row.hover();
    await row.getByRole('button', { name: 'Discard Changes' }).click();
    await page.getByTestId('dialog-discard').click();
    await expect(row).toHaveCount(0);
    expect(readFileSync(join(repo.dir, 'README.md'), 'utf8')).toBe('# Demo\n');

    writeFileSync(join(repo.dir, 'notes.txt'), 'n\n');
    await expect(fileRow(page, 'changes', 'notes.txt')).toBeVisible();
    repo.git('add', 'notes.txt');
    repo.git('commit', '-qm', 'from a terminal');
    await expect(page.getByTestId('status-changes')).toHaveText('No changes');
  });

  test('the editor gutter marks lines changed since HEAD, and the marks follow typing and commits', async ({ workbench: page, repo }) => {
    writeFileSync(join(repo.dir, 'src/app.js'), lines({ 3: 'const first = "edit";' }));
    await page.keyboard.press(`${mod}+Shift+G`);
    const row = fileRow(page, 'changes', 'src/app.js');
    await row.hover();
    await row.getByRole('button', { name: 'Open File' }).click();
    const editor = page.locator('[data-testid="editor"][data-path="src/app.js"]');
    await expect(editor.locator('.scm-gutter-modified')).toHaveCount(1);
    await expect(editor.locator('.scm-gutter-added')).toHaveCount(0);
    // Typing a new line at the end adds an "added" mark.
    await editor.click();
    await page.keyboard.press(`${mod}+End`);
    await page.keyboard.type('const added = true;');
    await expect(editor.locator('.scm-gutter-added')).toHaveCount(1);
    // Committing the file on disk (the editor's unsaved line stays): HEAD moves, only the typed line differs.
    repo.git('commit', '-qam', 'first edit');
    await expect(editor.locator('.scm-gutter-modified')).toHaveCount(0);
    await expect(editor.locator('.scm-gutter-added')).toHaveCount(1);
  });

  test('screenshots of the view in both themes', async ({ workbench: page, repo }) => {
    writeFileSync(join(repo.dir, 'src/app.js'), lines({ 3: 'const first = "edit";', 36: 'const second = "edit";' }));
    writeFileSync(join(repo.dir, 'src/new-module.js'), 'export const x = 1;\n');
    rmSync(join(repo.dir, 'README.md'));
    repo.git('add', 'src/new-module.js');
    await page.keyboard.press(`${mod}+Shift+G`);
    await expect(page.getByTestId('status-changes')).toHaveText('3 changes');
    await page.getByTestId('scm-message').fill('Add the new module');
    await fileRow(page, 'changes', 'src/app.js').click();
    await expect(page.getByTestId('scm-hunk')).toHaveCount(2);
    await page.getByTestId('scm-log').getByRole('button', { name: 'Commits' }).click();
    await expect(page.getByTestId('scm-commit-row')).toHaveCount(1);
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.locator(`html[data-theme="${theme}"]`).count()) === 0) await page.getByTestId('theme-toggle').click();
      await expect(page.locator(`html[data-theme="${theme}"]`)).toHaveCount(1);
      await page.screenshot({ path: test.info().outputPath(`scm-${theme}.png`) });
    }
  });
});

test.describe('source control with 10,000 changed files', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take an object pattern
  test.use({ repo: async ({}, use) => {
      const repo = gitWorkspace();
      for (let i = 0; i < 10_000; i++) {
        if (i % 500 === 0) mkdirSync(join(repo.dir, `many/d${i / 500}`), { recursive: true });
        writeFileSync(join(repo.dir, `many/d${Math.floor(i / 500)}/f${i}.txt`), `${i}\n`);
      }
      await use({ ...repo, init: true });
    },
  });

  test('lists them in a virtual list that scrolls to the last file, and stages them all at once', async ({ workbench: page, repo }) => {
    await expect(page.getByTestId('status-changes')).toHaveText('10,000 changes', { timeout: 30_000 });
    await page.keyboard.press(`${mod}+Shift+G`);
    await expect(page.getByTestId('scm-count-changes')).toHaveText('10000');
    // Only the rows on screen exist in the page.
    expect(await page.getByTestId('scm-file').count()).toBeLessThan(100);
    await page.getByTestId('scm-list').focus();
    await page.keyboard.press('End');
    await expect(fileRow(page, 'changes', 'many/d9/f4999.txt')).toBeVisible();
    await page.keyboard.press('Home');
    const header = page.getByTestId('scm-group-changes');
    await header.hover();
    await header.getByRole('button', { name: 'Stage All Changes' }).click();
    await expect(page.getByTestId('scm-count-staged')).toHaveText('10000', { timeout: 30_000 });
    expect(repo.git('diff', '--cached', '--name-only').split('\n').filter(Boolean)).toHaveLength(10_000);
  });
});

test.describe('source control outside a repository', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take an object pattern
  test.use({ repo: async ({}, use) => use({ ...gitWorkspace(false), init: false }) });

  test('offers Initialize Repository, which makes the folder a repository', async ({ workbench: page, repo }) => {
    await page.keyboard.press(`${mod}+Shift+G`);
    await expect(page.getByTestId('scm-no-repo')).toBeVisible();
    await expect(page.getByTestId('status-branch')).toHaveCount(0);
    await page.getByTestId('scm-init').click();
    await expect(fileRow(page, 'changes', 'src/app.js')).toBeVisible();
    await expect(page.getByTestId('status-changes')).toHaveText('2 changes');
    expect(repo.git('rev-parse', '--is-inside-work-tree').trim()).toBe('true');
  });
});
