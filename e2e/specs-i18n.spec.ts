import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot, startHost, type RunningHost } from './fixtures/host';
import { expect, test } from './fixtures/test';

/**
 * Specs written in other languages open structured. The Korean requirements and the Japanese tasks (a task
 * dependency graph, optional tasks) are real Kiro files, committed byte-exact under specs-schema/corpus/samples;
 * the Vietnamese spec uses `### Yêu cầu N:` headings, which showed 0 requirements before.
 */
const samples = join(repoRoot, 'specs-schema/corpus/samples');
const KOREAN = join(samples, 'kkul8176__kiro_ecc/kiro/specs/daangn-marketplace');
const JAPANESE = join(samples, 'kognavi__tanden-trust-audit-poc/kiro/specs/kms-blockchain-tx-signing');

function i18nWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-i18n-'));
  const spec = (name: string) => {
    const d = join(dir, '.kiro/specs', name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  cpSync(join(KOREAN, 'requirements.md'), join(spec('daangn-marketplace'), 'requirements.md'));
  cpSync(join(JAPANESE, 'tasks.md'), join(spec('kms-blockchain-tx-signing'), 'tasks.md'));
  cpSync(join(JAPANESE, 'requirements.md'), join(dir, '.kiro/specs/kms-blockchain-tx-signing/requirements.md'));
  // Kiro's run history and property-test results, keyed by the task line as Kiro keys them.
  const run = (timestamp: number) => ({ executionId: 'exec-1', chatSessionId: 'sess_1', timestamp });
  const meta = {
    pbtResults: { '2.4 DER ラウンドトリップのプロパティテストを書く（tasks.md 作成後に実装）': { status: 'passed', lastRunTimestamp: 1787231578339 } },
    executionHistory: { '1.1 `schemas/signing-event.schema.json` を作成する': [run(1787231578339), run(1787231586870)] },
  };
  writeFileSync(join(dir, '.kiro/specs/kms-blockchain-tx-signing/tasks.meta.json'), JSON.stringify(meta, null, 2));
  writeFileSync(join(spec('dang-nhap'), 'requirements.md'), readFileSync(join(repoRoot, 'e2e/fixtures/specs-i18n/vietnamese-requirements.md')));
  return dir;
}

async function open(page: Page): Promise<RunningHost> {
  const host = await startHost(i18nWorkspace());
  await page.goto(host.url);
  await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await page.getByTestId('activity-specs').click();
  return host;
}

async function openRequirements(page: Page, name: string) {
  await page.locator(`[data-testid="spec-row"][data-spec="${name}"]`).click();
  await expect(page.locator(`[data-testid="spec-editor"][data-spec="${name}"]`)).toBeVisible();
  await page.getByTestId('spec-tab-requirements').click();
  await expect(page.getByTestId('requirements-pane')).toBeVisible();
}

const card = (page: Page, id: string) => page.locator(`[data-testid="requirement-card"][data-requirement="${id}"]`);

test('a Korean spec shows its requirements and acceptance criteria in the structured view', async ({ page }) => {
  const host = await open(page);
  try {
    await openRequirements(page, 'daangn-marketplace');
    await expect(page.getByTestId('requirements-pane').locator('.pane-summary')).toHaveText('25 requirements · 118 acceptance criteria');
    await expect(page.getByTestId('requirement-card')).toHaveCount(25);
    const second = card(page, '2');
    await expect(second.getByLabel('Title of requirement 2')).toHaveValue('SMS 인증번호 확인 및 로그인');
    await expect(second.getByTestId('criterion')).toHaveCount(5);
    await expect(second.locator('[data-criterion="2.3"]')).toContainText('IF 인증번호가 일치하지 않으면');
    await expect(second.locator('[data-criterion="2.3"] .ears')).toHaveText('Unwanted (IF/THEN)');
    // EARS with English keywords inside Korean text is checked like English: no "Not EARS" anywhere.
    await expect(page.locator('.ears.none')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/specs-i18n-korean.png' });
  } finally {
    await host.stop();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});

test('a Vietnamese spec (### Yêu cầu N:) shows its requirements and criteria', async ({ page }) => {
  const host = await open(page);
  try {
    await openRequirements(page, 'dang-nhap');
    await expect(page.getByTestId('requirements-pane').locator('.pane-summary')).toHaveText('2 requirements · 3 acceptance criteria');
    await expect(card(page, '1').getByLabel('Title of requirement 1')).toHaveValue('Đăng nhập bằng email');
    await expect(card(page, '1').getByTestId('criterion')).toHaveText([/WHEN người dùng gửi một email hợp lệ/, /IF mã xác thực đã hết hạn/]);
    await expect(card(page, '2').locator('[data-criterion="2.1"] .ears')).toHaveText('Event (WHEN)');
    await page.screenshot({ path: 'test-results/specs-i18n-vietnamese.png' });
  } finally {
    await host.stop();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});

test('Japanese requirements with full-width colons; tasks with optional marks, dependency waves and Kiro’s tasks.meta.json', async ({ page }) => {
  const host = await open(page);
  try {
    await openRequirements(page, 'kms-blockchain-tx-signing');
    await expect(page.getByTestId('requirement-card')).toHaveCount(10);
    await expect(card(page, '2').getByLabel('Title of requirement 2')).toHaveValue('証拠レコードのKMS署名フロー');
    // One criterion has no EARS keyword at all: it says so once, instead of "Not EARS".
    await expect(page.locator('.ears.unchecked')).toHaveCount(1);
    await page.getByTestId('spec-tab-tasks').click();
    const task = (id: string) => page.locator(`[data-testid="task-row"][data-task-id="${id}"]`);
    await expect(task('2.4').locator('.badge.optional')).toBeVisible();
    await expect(task('2.4').getByTestId('task-wave')).toHaveText('wave 5');
    await expect(task('1.1').getByTestId('task-wave')).toHaveText('wave 0');
    await expect(task('1.1').getByTestId('task-runs')).toHaveText('2 runs');
    await expect(task('2.4').getByTestId('task-pbt')).toHaveText('PBT passed');
    await page.screenshot({ path: 'test-results/specs-i18n-japanese-tasks.png' });
  } finally {
    await host.stop();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});
