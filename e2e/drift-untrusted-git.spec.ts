import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost } from './fixtures/host';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/**
 * A cloned-looking repository whose own .git/config names a program for git to run on `git status`
 * (core.fsmonitor). Keel must not run git in it — not for the Source Control view, the status bar or drift — until
 * the folder is trusted.
 */
function hostileRepo(): { dir: string; marker: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'keel-hostile-'));
  const outside = mkdtempSync(join(tmpdir(), 'keel-marker-'));
  const marker = join(outside, 'fsmonitor-ran');
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env });
  writeFileSync(join(dir, 'README.md'), '# Demo\n');
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', 'add', '-A');
  git('-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', 'commit', '-qm', 'initial');
  const hook = join(dir, '.git', 'hook.sh');
  writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  chmodSync(hook, 0o755);
  git('config', 'core.fsmonitor', hook);
  writeFileSync(join(dir, 'README.md'), '# Demo, edited\n');
  return { dir, marker, cleanup: () => [dir, outside].forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

test('in a restricted folder Keel runs no git (a hostile core.fsmonitor never runs); trusting the folder turns source control on', async ({ page }) => {
  const repo = hostileRepo();
  const host = await startHost(repo.dir, { trust: 'restricted' });
  try {
    await page.goto(host.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await expect(page.getByTestId('status-trust')).toHaveText('Restricted Mode');
    // The Source Control view asks for the status (and drift asked at start-up): both are answered without git.
    await page.keyboard.press(`${mod}+Shift+G`);
    const view = page.getByTestId('scm-view');
    await expect(view).toBeVisible();
    await expect(view.locator('.editor-loading')).toHaveCount(0);
    await expect(page.getByTestId('status-branch')).toHaveCount(0);
    expect(existsSync(repo.marker)).toBe(false);
    // The view says why it is empty and offers the way out (no branch, no Commit button).
    await expect(view.getByTestId('scm-restricted')).toContainText('Source control is off in Restricted Mode');
    await expect(view.getByTestId('scm-commit')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('drift-scm-restricted.png') });

    // Trust the folder: git runs now — and so does the repository's own fsmonitor, as it would for git itself.
    await view.getByTestId('scm-manage-trust').click();
    const dialog = page.getByTestId('trust-dialog');
    await dialog.getByTestId('trust-trust').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('status-branch')).toHaveText('main');
    expect(existsSync(repo.marker)).toBe(true);
  } finally {
    await host.stop();
    repo.cleanup();
  }
});
