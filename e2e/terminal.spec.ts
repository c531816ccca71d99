import type { Page } from '@playwright/test';
import { expect, mod, test } from './fixtures/test';

// Under headless Chromium's software GL Keel keeps xterm's DOM renderer, so the screen's text is in `.xterm-rows`.
const screen = (page: Page) => page.locator('[data-testid="terminal"]:visible .xterm-rows');

async function openTerminal(page: Page) {
  await page.keyboard.press(`${mod}+\``);
  await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
  await expect(screen(page)).toBeVisible();
}

async function run(page: Page, command: string) {
  await page.locator('[data-testid="terminal"]:visible').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

test('open a terminal, run a command in the workspace, see its output', async ({ workbench: page, host }) => {
  await openTerminal(page);
  // The arithmetic is done by the shell, so the output differs from the echoed command line.
  await run(page, 'echo "answer-$((6*7))" && pwd');
  await expect(screen(page)).toContainText('answer-42');
  await expect(screen(page)).toContainText(host.workspace);
});

test('two terminals run side by side and keep their own output', async ({ workbench: page }) => {
  await openTerminal(page);
  await run(page, 'echo "first-$((1+1))"');
  await expect(screen(page)).toContainText('first-2');
  await page.getByTestId('terminal-new').click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(2);
  await run(page, 'echo "second-$((2+2))"');
  await expect(screen(page)).toContainText('second-4');
  await expect(screen(page)).not.toContainText('first-2');
  await page.getByTestId('terminal-tab').first().click();
  await expect(screen(page)).toContainText('first-2');
  await expect(screen(page)).not.toContainText('second-4');
});

test('output that arrives while a terminal is in the background is all there when it is shown again', async ({ workbench: page }) => {
  await openTerminal(page);
  await page.getByTestId('terminal-new').click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(2);
  await run(page, 'sleep 1; seq 1 3000 | tail -n 3; echo "late-$((5*5))"');
  await page.getByTestId('terminal-tab').first().click();
  await page.waitForTimeout(2500);
  await page.getByTestId('terminal-tab').nth(1).click();
  await expect(screen(page)).toContainText('late-25');
  await expect(screen(page)).toContainText('2999');
});

test('the exit code is shown, and the last output before exit arrives complete after a large output', async ({ workbench: page }) => {
  await openTerminal(page);
  // ~6.7 MB of output, then a marker, then the shell exits at once: the bytes just before exit must not be lost.
  await run(page, 'head -c 5000000 /dev/urandom | base64 -w 200; echo "END-$((40+2))"; exit 7');
  await expect(page.getByTestId('terminal-exit-code')).toContainText('7', { timeout: 60_000 });
  await expect(screen(page)).toContainText('END-42');
});

test('a page reload reattaches to the running terminal with its scrollback', async ({ workbench: page }) => {
  await openTerminal(page);
  await run(page, 'export KEEL_MARK=still-here; echo "before-$((3*3))"');
  await expect(screen(page)).toContainText('before-9');
  await page.reload();
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
  await expect(screen(page)).toContainText('before-9');
  // Same shell process: the variable set before the reload is still there.
  await run(page, 'echo "$KEEL_MARK"-again');
  await expect(screen(page)).toContainText('still-here-again');
});

test('killing a terminal removes it', async ({ workbench: page }) => {
  await openTerminal(page);
  await page.getByTestId('terminal-new').click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(2);
  await page.getByTestId('terminal-kill').click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
});
