import { test, type Page } from '@playwright/test';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkFiles, parseTasks, traceSpec, parseRequirements } from '../specs-schema';
import { startFakeBedrock, type FakeBedrock, type FakeResponse, type RecordedRequest } from './fixtures/fake-bedrock';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';
import { BUGFIX, DESIGN, REQUIREMENTS, TASKS } from './fixtures/specwriter/documents';
import { expect, runCommand as palette, shootThemes } from './fixtures/test';

// A spec written from a prompt, as a user: the palette's New Spec from Prompt, each phase streamed into the spec
// editor by the planner (the fake Bedrock plays it), Stop, Refine, an edit before Approve, and the files on disk.

/** The phase's user message ("Phase: requirements. …"). */
function userText(req: RecordedRequest): string {
  const messages = req.body.messages as { content: { text?: string }[] }[];
  return messages[0]?.content.map((c) => c.text ?? '').join('') ?? '';
}
const phaseOf = (req: RecordedRequest) => /Phase: (\w+)/.exec(userText(req))?.[1] ?? '';

/** The first requirements call hangs half-way (to see it stream and Stop it); every other call answers its phase. */
async function fakePlanner(): Promise<FakeBedrock> {
  let requirementsCalls = 0;
  let bugfixCalls = 0;
  const fake = await startFakeBedrock({
    chunkSize: 40,
    script: (req): FakeResponse => {
      const phase = phaseOf(req);
      if (phase === 'requirements' && requirementsCalls++ === 0) {
        return { steps: [{ text: REQUIREMENTS.slice(0, REQUIREMENTS.indexOf('### Requirement 2')) }, { hang: true }] };
      }
      // The first bug analysis forgets the unchanged behaviour: a broken document to be shown, not accepted.
      if (phase === 'bugfix' && bugfixCalls++ === 0) return { steps: [{ text: 'Here is the analysis.\n\n' + BUGFIX.slice(0, BUGFIX.indexOf('### Unchanged')) }] };
      const doc = { requirements: REQUIREMENTS, design: DESIGN, tasks: TASKS, bugfix: BUGFIX }[phase] ?? 'Unexpected request';
      return { steps: [{ text: doc }] };
    },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  return fake;
}

async function newSpecFromPrompt(page: Page, name: string, prompt: string, type: 'Feature' | 'Bugfix' = 'Feature'): Promise<void> {
  await palette(page, 'Keel: New Spec from Prompt');
  const dialog = page.getByTestId('new-spec-dialog');
  await dialog.getByLabel('Spec name').fill(name);
  if (type === 'Bugfix') await dialog.getByLabel('Bugfix').check();
  await expect(dialog.getByTestId('new-spec-create')).toBeDisabled(); // the description is required here
  await dialog.getByTestId('new-spec-prompt').fill(prompt);
  await dialog.getByTestId('new-spec-create').click();
  await expect(dialog).toHaveCount(0);
}

const bar = (page: Page) => page.getByTestId('phase-bar');
const read = (host: RunningHost, path: string) => readFileSync(join(host.workspace, path), 'utf8');

test('a feature spec from a prompt: streamed requirements, Stop, Refine, an edited criterion approved, design, tasks', async ({ page }) => {
  const fake = await fakePlanner();
  const host = await startHost(copyWorkspace());
  const dir = '.kiro/specs/due-dates';
  try {
    await page.goto(host.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await newSpecFromPrompt(page, 'Due dates', 'Todos get a due date; late todos are marked.');

    // Requirements stream into the open spec editor, read-only while they do.
    await expect(bar(page)).toHaveAttribute('data-status', 'writing');
    await expect(bar(page).getByTestId('phase-message')).toContainText('The planner is writing requirements.md');
    const card = page.getByTestId('requirement-card');
    await expect(card.first()).toContainText('invalid due date', { timeout: 20_000 });
    // The phase bar says the planner is writing; the editor's own read-only notice would only repeat it.
    await expect(page.getByTestId('notice-bar')).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Criterion 1.1', exact: true })).toHaveAttribute('readonly', '');
    await expect(page.getByTestId('status-spec-writer')).toBeVisible();
    await expect(page.locator('.spec-tab-dirty')).toHaveCount(0); // the planner's text is not an unsaved edit
    await shootThemes(page, 'specwriter-writing');

    // Stop: what was streamed stays, marked incomplete, on disk and in the bar.
    await bar(page).getByTestId('phase-stop').click();
    await expect(bar(page)).toHaveAttribute('data-status', 'stopped');
    await expect(bar(page).getByTestId('phase-message')).toContainText('incomplete');
    const stopped = read(host, `${dir}/requirements.md`);
    expect(stopped).toContain('### Requirement 1: Set a due date');
    expect(stopped).not.toContain('### Requirement 2');
    expect(stopped).toMatch(/<!-- Keel: the planner stopped before finishing this document; it is incomplete\./);
    await expect(page.getByTestId('notice-bar')).toHaveCount(0);

    // One Refine, with feedback: the model gets the draft and the feedback; the whole document comes back.
    await bar(page).getByTestId('phase-refine').click();
    await bar(page).getByTestId('phase-feedback').fill('Also mark late todos.');
    await shootThemes(page, 'specwriter-refine');
    await bar(page).getByTestId('phase-refine-send').click();
    await expect(bar(page)).toHaveAttribute('data-status', 'review', { timeout: 20_000 });
    const refine = userText(fake.requests[1]!);
    expect(refine).toContain('<feedback>\nAlso mark late todos.\n</feedback>');
    expect(refine).toContain('### Requirement 1: Set a due date');
    expect(refine).not.toContain('<!-- Keel:');
    await expect(card).toHaveCount(2);
    await expect.poll(() => read(host, `${dir}/requirements.md`)).toBe(REQUIREMENTS);

    // The user edits one criterion in the structured pane, then approves (unsaved edits are saved first).
    const criterion = page.getByRole('textbox', { name: 'Criterion 1.1', exact: true });
    await expect(criterion).not.toHaveAttribute('readonly', '');
    await criterion.fill('WHEN the user adds a todo with a due date THEN THE Todo_List SHALL store the date in UTC');
    await criterion.press('Enter');
    await expect(page.getByTestId('spec-tab-requirements').locator('.spec-tab-dirty')).toHaveCount(1);

    // Refine on the edited document asks first; Cancel leaves the edit unsent and unsaved.
    await bar(page).getByTestId('phase-refine').click();
    await bar(page).getByTestId('phase-feedback').fill('Shorter, please.');
    await bar(page).getByTestId('phase-refine-send').click();
    await expect(page.getByTestId('dialog')).toContainText('Rewrite your edited requirements?');
    await page.getByTestId('dialog-cancel').click();
    expect(fake.requests).toHaveLength(2);
    expect(read(host, `${dir}/requirements.md`)).toBe(REQUIREMENTS);
    await bar(page).getByTestId('phase-refine-form').getByRole('button', { name: 'Cancel' }).click();
    await expect(bar(page).getByTestId('phase-approve')).toHaveText('Approve · Write Design');
    await bar(page).getByTestId('phase-approve').click();

    // Design: its request carries the edited requirements; it streams into the Design view.
    await expect(page.getByTestId('phase-step-requirements')).toHaveAttribute('data-status', 'approved');
    await expect(bar(page)).toHaveAttribute('data-phase', 'design');
    await expect(bar(page)).toHaveAttribute('data-status', 'review', { timeout: 20_000 });
    const designRequest = fake.requests.find((r) => phaseOf(r) === 'design')!;
    expect(userText(designRequest)).toContain('store the date in UTC');
    expect(read(host, `${dir}/requirements.md`)).toContain('store the date in UTC');
    await expect(page.getByTestId('spec-tab-design')).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => read(host, `${dir}/design.md`)).toBe(DESIGN);
    await shootThemes(page, 'specwriter-phase-bar');

    // The phase state survives a reload: reopened from the Specs view, the spec shows the bar on the design,
    // still waiting for approval.
    await page.reload();
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await palette(page, 'View: Show Specs');
    await page.locator('[data-testid="spec-row"][data-spec="due-dates"]').click();
    await expect(bar(page)).toHaveAttribute('data-phase', 'design');
    await expect(bar(page)).toHaveAttribute('data-status', 'review');

    await bar(page).getByTestId('phase-approve').click();
    await expect(bar(page)).toHaveAttribute('data-phase', 'tasks');
    await expect(bar(page)).toHaveAttribute('data-status', 'review', { timeout: 20_000 });
    const tasksRequest = fake.requests.find((r) => phaseOf(r) === 'tasks')!;
    expect(userText(tasksRequest)).toContain('store the date in UTC');
    expect(userText(tasksRequest)).toContain('## Correctness Properties');
    await expect.poll(() => read(host, `${dir}/tasks.md`)).toBe(TASKS);
    await expect(page.getByTestId('phase-problems')).toHaveCount(0);
    await expect(bar(page).getByTestId('phase-approve')).toHaveText('Approve');
    await bar(page).getByTestId('phase-approve').click();
    await expect(bar(page)).toHaveAttribute('data-status', 'done');
    await expect(bar(page)).toContainText('Every phase is approved');

    // The files parse with specs-schema, and every task's reference resolves.
    const files = readdirSync(join(host.workspace, dir)).map((name) => ({ path: `${dir}/${name}`, text: read(host, `${dir}/${name}`) }));
    expect(files.map((f) => f.path.split('/').pop()).sort()).toEqual(['.config.kiro', 'design.md', 'requirements.md', 'tasks.md']);
    expect(JSON.parse(read(host, `${dir}/.config.kiro`))).toMatchObject({ workflowType: 'requirements-first', specType: 'feature' });
    expect(checkFiles(files).filter((d) => d.severity === 'error')).toEqual([]);
    const trace = traceSpec({
      requirements: { path: `${dir}/requirements.md`, doc: parseRequirements(read(host, `${dir}/requirements.md`)) },
      tasks: { path: `${dir}/tasks.md`, doc: parseTasks(read(host, `${dir}/tasks.md`)) },
    });
    expect(trace.diagnostics.filter((d) => d.code === 'trace/dangling-ref')).toEqual([]);
    expect(trace.graph.tasks.flatMap((t) => t.refs).sort()).toEqual(['1.1', '1.2', '2.1']);
  } finally {
    await host.stop();
    await fake.close();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});

test('a bugfix spec from a prompt starts with the bug analysis; a broken answer is shown as problems, not accepted', async ({ page }) => {
  const fake = await fakePlanner();
  const host = await startHost(copyWorkspace());
  const dir = '.kiro/specs/blank-todo';
  try {
    await page.goto(host.url);
    await expect(page.locator('body[data-workbench-ready="true"]')).toBeAttached({ timeout: 20_000 });
    await newSpecFromPrompt(page, 'Blank todo', 'Adding a todo with an empty title creates a blank item.', 'Bugfix');
    await expect(bar(page)).toHaveAttribute('data-phase', 'bugfix');
    await expect(bar(page)).toHaveAttribute('data-status', 'review', { timeout: 20_000 });
    await expect(page.getByTestId('phase-step-bugfix')).toHaveText(/Bug Analysis/);
    await expect(page.getByTestId('spec-tab-requirements')).toHaveText(/Bug Analysis/);

    // The planner's first answer lacks the unchanged behaviour: the bar says so, and Approve asks first.
    const problems = page.getByTestId('phase-problems');
    await expect(problems).toContainText('1 error in bugfix.md');
    await problems.getByRole('button').click();
    await expect(page.getByTestId('phase-problem')).toContainText('no "Unchanged Behavior (Regression Prevention)" criteria');
    await shootThemes(page, 'specwriter-problems');
    await bar(page).getByTestId('phase-approve').click();
    await expect(page.getByTestId('dialog')).toContainText('has 1 error');
    await page.getByTestId('dialog-cancel').click();
    await expect(bar(page)).toHaveAttribute('data-status', 'review');
    expect(read(host, `${dir}/bugfix.md`)).toBe(BUGFIX.slice(0, BUGFIX.indexOf('### Unchanged'))); // the preamble is not part of it

    // Refine with no feedback writes it again; the complete analysis has no problems.
    await bar(page).getByTestId('phase-refine').click();
    await bar(page).getByTestId('phase-refine-send').click();
    await expect(problems).toHaveCount(0, { timeout: 20_000 });
    await expect.poll(() => read(host, `${dir}/bugfix.md`)).toBe(BUGFIX);
    const prompt = userText(fake.requests[0]!);
    expect(prompt).toContain('Phase: bugfix');
    expect(prompt).toContain('### Unchanged Behavior (Regression Prevention)');
    expect(JSON.parse(read(host, `${dir}/.config.kiro`))).toMatchObject({ specType: 'bugfix' });
    await expect(bar(page).getByTestId('phase-approve')).toHaveText('Approve · Write Design');
  } finally {
    await host.stop();
    await fake.close();
    rmSync(host.workspace, { recursive: true, force: true });
  }
});
