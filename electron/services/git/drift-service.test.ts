import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DriftState } from '../../../protocol';
import { Emitter } from '../../base/emitter';
import { RunJournal } from '../tasks/run-journal';
import { DriftService } from './drift-service';

const SPEC = '.kiro/specs/greet';
const dirs: string[] = [];
const services: DriftService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder (no git) where task 1 was done by the runner a minute ago and wrote src/greet.js. */
async function folder() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keel-drift-svc-')));
  const userData = mkdtempSync(join(tmpdir(), 'keel-drift-svc-user-'));
  dirs.push(root, userData);
  const files: Record<string, string> = {
    [`${SPEC}/requirements.md`]: '# Requirements Document\n\n### Requirement 1: Greet\n\n#### Acceptance Criteria\n\n1. THE app SHALL greet.\n',
    [`${SPEC}/tasks.md`]: '# Implementation Plan\n\n- [x] 1. Greet\n  - _Requirements: 1.1_\n',
    'src/greet.js': 'hello()\n',
  };
  const old = new Date(Date.now() - 120_000);
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t);
    utimesSync(join(root, p), old, old);
  }
  const at = new Date(Date.now() - 60_000).toISOString();
  const journal = RunJournal.forWorkspace(userData, root);
  await journal.append({ t: 'start', runId: 'r', at, specDir: SPEC, taskId: '1', title: 'Greet', mode: 'autopilot', kind: 'task' });
  await journal.append({ t: 'changeset', runId: 'r', summary: 'greet', files: [{ path: 'src/greet.js', kind: 'modify', added: 1, removed: 1 }] });
  await journal.append({ t: 'end', runId: 'r', at, outcome: 'done' });
  return { root, userData, files };
}

describe('DriftService', () => {
  it('does not lose a file change that arrives while the first computation is still running', async () => {
    const { root, userData, files } = await folder();
    // The task's file was edited by hand; tasks.md still shows the task open (a checkout of an older state).
    writeFileSync(join(root, 'src/greet.js'), 'hello(edited)\n');
    const doneText = readFileSync(join(root, `${SPEC}/tasks.md`), 'utf8');
    let tasksOnDisk = doneText.replace('[x]', '[ ]');
    const watcher = new Emitter<readonly { path: string; kind: 'changed' }[]>();
    const sent: DriftState[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let reads = 0;
    const service = new DriftService({
      root,
      userDataDir: userData,
      specs: {
        files: async () => Object.keys(files),
        // The first computation reads tasks.md, then waits on requirements.md (a slow disk) until the test lets it go.
        readText: async (p) => {
          if (p.endsWith('tasks.md')) return tasksOnDisk;
          if (reads++ === 0) await gate;
          return readFileSync(join(root, p), 'utf8');
        },
        exists: async () => true,
        createFile: async () => undefined,
      },
      repository: async () => undefined,
      onChanged: (s) => sent.push(s),
      onDidChangeFiles: (l) => watcher.event(l as never),
      debounceMs: 10,
    });
    services.push(service);
    // Before anything asks, watcher batches cost nothing.
    watcher.fire([{ path: 'src/greet.js', kind: 'changed' }]);
    const first = service.state();
    await vi.waitFor(() => expect(reads).toBe(1));
    // Meanwhile tasks.md changes on disk: the task is done again (a checkout back), and the watcher says so.
    tasksOnDisk = doneText;
    watcher.fire([{ path: 'src/greet.js', kind: 'changed' }]);
    release();
    await first;
    // The first result came from the old text; the change that arrived meanwhile is computed too.
    await vi.waitFor(() => expect(sent.at(-1)?.findings).toEqual([expect.objectContaining({ taskId: '1', subject: 'src/greet.js', code: 'drift/file-changed' })]), { timeout: 10_000 });
  });

  it('Mark reviewed writes the review into the folder and answers with the cleared findings; an unknown task is NOT_FOUND', async () => {
    const { root, userData, files } = await folder();
    writeFileSync(join(root, 'src/greet.js'), 'hello(edited)\n');
    const service = new DriftService({
      root,
      userDataDir: userData,
      specs: { files: async () => Object.keys(files), readText: async (p) => readFileSync(join(root, p), 'utf8'), exists: async () => true, createFile: async () => undefined },
      repository: async () => undefined,
      onChanged: () => undefined,
    });
    services.push(service);
    expect((await service.state()).findings).toHaveLength(1);
    expect(await service.review(SPEC, '1')).toEqual({ findings: [] });
    expect(readFileSync(join(root, '.kiro/keel/drift-reviewed.json'), 'utf8')).toContain(`"${SPEC}#1"`);
    await expect(service.review(SPEC, '7')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.review('.kiro/specs/none', '1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
