import { mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewEntry } from '../electron/services/git/drift';
import { REVIEWED_FILE, reviewKey, writeReviewed } from '../electron/services/git/drift-reviewed';
import { makeRepo } from '../electron/services/git/test-repo';
import { RunJournal } from '../electron/services/tasks/run-journal';
import { runKeel } from './keel';

const SPEC = '.kiro/specs/greet';
const REQS = '# Requirements Document\n\n## Requirements\n\n### Requirement 1: Greet\n\n**User Story:** As a user, I want a greeting, so that I feel welcome.\n\n#### Acceptance Criteria\n\n1. WHEN the app starts THE app SHALL say hello.\n';
const TASKS = '# Implementation Plan\n\n- [x] 1. Greet\n  - _Requirements: 1.1_\n';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository whose task 1 was done by Keel's runner a minute ago (the journal in `userData`). */
async function project() {
  const repo = makeRepo({ [`${SPEC}/requirements.md`]: REQS, [`${SPEC}/tasks.md`]: TASKS, 'src/greet.js': 'hello()\n' });
  const root = realpathSync(repo.dir);
  const userData = mkdtempSync(join(tmpdir(), 'keel-cli-drift-user-'));
  const ci = mkdtempSync(join(tmpdir(), 'keel-cli-drift-ci-')); // a CI machine: no run history at all
  dirs.push(root, userData, ci);
  const at = new Date(Date.now() - 60_000).toISOString();
  const journal = RunJournal.forWorkspace(userData, root);
  await journal.append({ t: 'start', runId: 'r1', at, specDir: SPEC, taskId: '1', title: 'Greet', mode: 'autopilot', kind: 'task' });
  await journal.append({ t: 'changeset', runId: 'r1', summary: 'greet', files: [{ path: 'src/greet.js', kind: 'modify', added: 1, removed: 1 }] });
  await journal.append({ t: 'end', runId: 'r1', at, outcome: 'done' });
  const old = new Date(Date.now() - 90_000);
  utimesSync(join(root, 'src/greet.js'), old, old);
  const check = async (dataDir: string, json = true) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKeel(['spec', 'check', ...(json ? ['--json'] : []), '--user-data-dir', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: root });
    return { code, out, err, json: json ? out.map((l) => JSON.parse(l) as { file: string; line: number; column: number; code: string; severity: string; message: string }) : [] };
  };
  /** What the app's "Mark reviewed" writes. */
  const markReviewed = async () =>
    writeReviewed(
      root,
      reviewKey(SPEC, '1'),
      await reviewEntry(root, userData, { dir: SPEC, tasks: { path: `${SPEC}/tasks.md`, text: TASKS }, requirements: { path: `${SPEC}/requirements.md`, text: REQS } }, '1'),
    );
  return { root, userData, ci, check, markReviewed, git: repo.git };
}

describe('keel spec check: drift and reviewed drift', () => {
  it('warns (exit 0) about a done task whose file changed outside a task, in --json and in text', async () => {
    const p = await project();
    expect((await p.check(p.userData)).json).toEqual([]);
    writeFileSync(join(p.root, 'src/greet.js'), 'hello(edited by hand)\n');
    const r = await p.check(p.userData);
    expect(r.code).toBe(0);
    expect(r.json).toEqual([
      {
        file: `${SPEC}/tasks.md`,
        line: 3,
        column: 10,
        severity: 'warning',
        code: 'drift/file-changed',
        message: 'Task 1 is done, but src/greet.js, which it wrote, changed afterwards outside a task. Re-open the task or mark it reviewed.',
      },
    ]);
    const text = await p.check(p.userData, false);
    expect(text.code).toBe(0);
    expect(text.out).toEqual([`${SPEC}/tasks.md:3:10 warning Task 1 is done, but src/greet.js, which it wrote, changed afterwards outside a task. Re-open the task or mark it reviewed. [drift/file-changed]`]);
    expect(text.err.at(-1)).toMatch(/0 error\(s\), 1 warning\(s\)/);
  });

  it('honours the committed review file, on this machine and on a CI machine without the run history', async () => {
    const p = await project();
    writeFileSync(join(p.root, 'src/greet.js'), 'hello(edited by hand)\n');
    await p.markReviewed();
    p.git('add', '-A');
    p.git('commit', '-qm', 'reviewed drift of task 1');
    expect((await p.check(p.userData)).json).toEqual([]);
    const ci = await p.check(p.ci);
    expect(ci).toMatchObject({ code: 0, json: [] });
    // The review file itself is no Kiro file: no parse problem, no spec, in check or list.
    const list: string[] = [];
    expect(await runKeel(['spec', 'list', '--json'], { out: (l) => list.push(l), err: () => undefined, cwd: p.root })).toBe(0);
    expect(list.map((l) => (JSON.parse(l) as { name: string }).name)).toEqual(['greet']);

    // A later change re-flags the task, on CI too.
    writeFileSync(join(p.root, 'src/greet.js'), 'hello(changed again)\n');
    const again = await p.check(p.ci);
    expect(again.code).toBe(0);
    expect(again.json).toEqual([expect.objectContaining({ code: 'drift/file-changed', line: 3, message: expect.stringContaining('changed after the drift was reviewed') })]);
    expect((await p.check(p.userData)).json.map((d) => d.code)).toEqual(['drift/file-changed']);
  });

  it('a review file it cannot read is a warning on that file, and drift falls back to the run history', async () => {
    const p = await project();
    writeFileSync(join(p.root, 'src/greet.js'), 'hello(edited by hand)\n');
    await p.markReviewed();
    writeFileSync(join(p.root, REVIEWED_FILE), '{ "version": 1, "tasks": { oops } }\n');
    const r = await p.check(p.userData);
    expect(r.code).toBe(0);
    expect(r.json.map((d) => [d.file, d.code])).toEqual([
      [REVIEWED_FILE, 'drift/reviewed-unreadable'],
      [`${SPEC}/tasks.md`, 'drift/file-changed'],
    ]);
  });
});
