import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunJournal } from '../tasks/run-journal';
import { findDrift, reviewEntry, type DriftSpec } from './drift';
import { readReviewed, REVIEWED_FILE, reviewKey, textHash, writeReviewed } from './drift-reviewed';
import { GitRepo } from './git-repo';
import { makeRepo } from './test-repo';

const SPEC = '.kiro/specs/greet';
const REQS = '# Requirements Document\n\n## Requirements\n\n### Requirement 1: Greet\n\n#### Acceptance Criteria\n\n1. THE app SHALL say hello.\n\n### Requirement 2: Part\n\n#### Acceptance Criteria\n\n1. THE app SHALL say bye.\n';
const TASKS = '# Implementation Plan\n\n- [x] 1. Greet\n  - _Requirements: 1.1_\n- [x] 2. Part\n  - _Requirements: 2.1_\n';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workspace(options: { git?: boolean } = {}) {
  const files = { [`${SPEC}/requirements.md`]: REQS, [`${SPEC}/tasks.md`]: TASKS, 'src/greet.js': 'hello()\n', 'src/part.js': 'bye()\n' };
  let root: string;
  let git: ((...a: string[]) => string) | undefined;
  if (options.git === false) {
    root = mkdtempSync(join(tmpdir(), 'keel-drift-nogit-'));
    for (const [p, t] of Object.entries(files)) write(root, p, t);
  } else {
    const repo = makeRepo(files);
    root = repo.dir;
    git = repo.git;
  }
  root = realpathSync(root);
  const userData = mkdtempSync(join(tmpdir(), 'keel-drift-user-'));
  dirs.push(root, userData);
  const specs = (): DriftSpec[] => [
    { dir: SPEC, tasks: { path: `${SPEC}/tasks.md`, text: read(root, `${SPEC}/tasks.md`) }, requirements: { path: `${SPEC}/requirements.md`, text: read(root, `${SPEC}/requirements.md`) } },
  ];
  const drift = async (ud = userData) => findDrift({ root, userDataDir: ud, specs: specs(), repo: await GitRepo.find(root) });
  const review = async (taskId: string, at = new Date()) => writeReviewed(root, reviewKey(SPEC, taskId), await reviewEntry(root, userData, specs()[0] as DriftSpec, taskId, at));
  return { root, userData, git, drift, review, specs };
}

function write(root: string, rel: string, text: string) {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}
const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');

/** A finished task run in the journal, as the task runner writes it, ended `ago` ms before now. */
async function ranTask(root: string, userData: string, taskId: string, files: string[], ago = 60_000) {
  const at = new Date(Date.now() - ago).toISOString();
  const journal = RunJournal.forWorkspace(userData, root);
  const runId = `r-${taskId}-${ago}`;
  await journal.append({ t: 'start', runId, at, specDir: SPEC, taskId, title: `Task ${taskId}`, mode: 'supervised', kind: 'task' });
  await journal.append({ t: 'review', runId, status: 'applied', files: files.map((path) => ({ path, hunksApplied: 1, hunksTotal: 1 })) });
  await journal.append({ t: 'end', runId, at, outcome: 'done' });
  // The files are as the run left them: older than its end.
  const old = new Date(Date.now() - ago - 30_000);
  for (const f of files) utimesSync(join(root, f), old, old);
}

const summary = (r: Awaited<ReturnType<typeof findDrift>>) => r.findings.map((f) => `${f.taskId} ${f.code} ${f.subject}`);

describe('findDrift', () => {
  it('gives no drift for done tasks without any run history or review, even with a git history', async () => {
    const ws = workspace();
    ws.git?.('commit', '--allow-empty', '-qm', 'later');
    write(ws.root, 'src/greet.js', 'changed()\n');
    expect(await ws.drift()).toEqual({ findings: [], problems: [] });
  });

  it('flags a file changed after its task ran; Mark reviewed clears it until the file changes again', async () => {
    const ws = workspace();
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js']);
    // (makeRepo committed requirements.md just now, after the back-dated run: only file drift is looked at here.)
    const before = await ws.drift();
    expect(summary(before).filter((s) => s.includes('file-changed'))).toEqual([]);

    write(ws.root, 'src/greet.js', 'hello(world)\n');
    const changed = await ws.drift();
    expect(summary(changed)).toContain('1 drift/file-changed src/greet.js');
    const finding = changed.findings.find((f) => f.subject === 'src/greet.js');
    expect(finding).toMatchObject({ specDir: SPEC, taskTitle: 'Greet', file: `${SPEC}/tasks.md`, line: 2, message: expect.stringContaining('changed afterwards outside a task') });

    await ws.review('1');
    expect(await ws.drift()).toEqual({ findings: [], problems: [] });
    // Stored in the repository, readable by anyone with the checkout.
    const stored = await readReviewed(ws.root);
    expect(stored.tasks.get(`${SPEC}#1`)).toMatchObject({ files: { 'src/greet.js': textHash('hello(world)\n') }, requirements: { '1': expect.stringMatching(/^[0-9a-f]{64}$/) } });

    // Saving the same text again (a new modification time, same content) is not a change.
    write(ws.root, 'src/greet.js', 'hello(world)\n');
    expect((await ws.drift()).findings).toEqual([]);
    write(ws.root, 'src/greet.js', 'hello(again)\n');
    expect(summary(await ws.drift())).toEqual(['1 drift/file-changed src/greet.js']);
    rmSync(join(ws.root, 'src/greet.js'));
    expect((await ws.drift()).findings[0]?.message).toMatch(/deleted after the drift was reviewed/);
  });

  it('a CI checkout without Keel’s run history still sees reviewed tasks, and flags them when a reviewed file or requirement changes', async () => {
    const ws = workspace();
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js']);
    await ws.review('1');
    const ci = mkdtempSync(join(tmpdir(), 'keel-ci-user-')); // another machine: no journal at all
    dirs.push(ci);
    expect((await ws.drift(ci)).findings).toEqual([]);
    // CRLF line endings (a Windows checkout) hash like LF.
    write(ws.root, 'src/greet.js', 'hello()\r\n');
    expect((await ws.drift(ci)).findings).toEqual([]);
    write(ws.root, 'src/greet.js', 'hello(ci)\n');
    expect(summary(await ws.drift(ci))).toEqual(['1 drift/file-changed src/greet.js']);
    write(ws.root, 'src/greet.js', 'hello()\n');
    write(ws.root, `${SPEC}/requirements.md`, REQS.replace('say hello', 'say hello politely'));
    expect(summary(await ws.drift(ci))).toEqual(['1 drift/requirement-edited 1']);
    // Editing requirement 2 does not touch task 1's review.
    write(ws.root, `${SPEC}/requirements.md`, REQS.replace('say bye', 'say goodbye'));
    expect((await ws.drift(ci)).findings).toEqual([]);
  });

  it('flags a cited requirement committed after the run, but not one committed together with the task’s [x]', async () => {
    const ws = workspace();
    const git = ws.git as (...a: string[]) => string;
    // The spec was first committed two hours ago.
    const twoHoursAgo = `${Math.floor((Date.now() - 7_200_000) / 1000)} +0000`;
    execFileSync('git', ['commit', '--amend', '--no-edit', '-q'], { cwd: ws.root, env: { ...process.env, GIT_COMMITTER_DATE: twoHoursAgo, GIT_AUTHOR_DATE: twoHoursAgo, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    // Task 1 ran a while ago; its requirement is edited and committed afterwards.
    await ranTask(ws.root, ws.userData, '1', [], 3_600_000);
    // Task 2 ran too, but its requirement edit and its [x] land in one commit (spec and work committed together).
    await ranTask(ws.root, ws.userData, '2', [], 3_600_000);
    write(ws.root, `${SPEC}/tasks.md`, TASKS.replace('- [x] 2.', '- [ ] 2.'));
    git('commit', '-qam', 'untick 2');
    write(ws.root, `${SPEC}/requirements.md`, REQS.replace('say hello', 'say hi').replace('say bye', 'say goodbye'));
    git('add', `${SPEC}/requirements.md`);
    git('commit', '-qm', 'edit requirement 1 (and 2)');
    write(ws.root, `${SPEC}/tasks.md`, TASKS);
    write(ws.root, `${SPEC}/requirements.md`, REQS.replace('say hello', 'say hi').replace('say bye', 'say farewell'));
    git('commit', '-qam', 'task 2 done with its requirement');
    // Requirement 1 was committed in "edit requirement 1" (not the commit holding task 1's [x] line, which is the
    // initial one): drift. Requirement 2's newest line shares the commit with task 2's [x]: not drift.
    const found = summary(await ws.drift());
    expect(found).toContain('1 drift/requirement-edited 1');
    expect(found.filter((f) => f.startsWith('2 '))).toEqual([]);
  });

  it('outside git: a file’s modification time after the run is drift; a later task run writing it is not', async () => {
    const ws = workspace({ git: false });
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js'], 120_000);
    const reqOld = new Date(Date.now() - 600_000);
    utimesSync(join(ws.root, `${SPEC}/requirements.md`), reqOld, reqOld);
    expect((await ws.drift()).findings).toEqual([]);
    write(ws.root, 'src/greet.js', 'edited by hand\n');
    expect(summary(await ws.drift())).toEqual(['1 drift/file-changed src/greet.js']);
    // Task 2's run (later) wrote the same file: that is work done through a task, not drift for task 1.
    await ranTask(ws.root, ws.userData, '2', ['src/greet.js'], 1_000);
    const now = new Date();
    utimesSync(join(ws.root, 'src/greet.js'), now, now);
    expect((await ws.drift()).findings.filter((f) => f.taskId === '1')).toEqual([]);
  });

  it('an unreadable review file (a merge conflict) is reported, ignored, and never overwritten', async () => {
    const ws = workspace();
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js']);
    write(ws.root, REVIEWED_FILE, '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n');
    const report = await ws.drift();
    expect(report.problems).toEqual([expect.objectContaining({ file: REVIEWED_FILE, code: 'drift/reviewed-unreadable', severity: 'warning' })]);
    await expect(ws.review('1')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(read(ws.root, REVIEWED_FILE)).toMatch(/^<<<<<<< HEAD/);
  });

  it('a re-run of the task after the review supersedes the review', async () => {
    const ws = workspace({ git: false });
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js'], 300_000);
    await ws.review('1', new Date(Date.now() - 200_000));
    // The task runs again (and writes a new text); the old review's hash no longer applies, nor flags.
    write(ws.root, 'src/greet.js', 'hello(v2)\n');
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js'], 100_000);
    const reqOld = new Date(Date.now() - 600_000);
    utimesSync(join(ws.root, `${SPEC}/requirements.md`), reqOld, reqOld);
    expect((await ws.drift()).findings).toEqual([]);
  });
});

describe('the review file', () => {
  it('is never written outside the folder, even when .kiro/keel is a symlink leading out', async () => {
    const ws = workspace();
    await ranTask(ws.root, ws.userData, '1', ['src/greet.js']);
    const elsewhere = mkdtempSync(join(tmpdir(), 'keel-elsewhere-'));
    dirs.push(elsewhere);
    symlinkSync(elsewhere, join(ws.root, '.kiro/keel'));
    await expect(ws.review('1')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
    expect(existsSync(join(elsewhere, 'drift-reviewed.json'))).toBe(false);
  });
});
