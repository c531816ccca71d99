import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the keel bin', () => {
  it('runs the CLI (bundled or from source) and prints the stats of a file', () => {
    const tasks = join(root, 'examples/.kiro/specs/todo-priorities/tasks.md');
    const run = spawnSync(process.execPath, [join(root, 'bin/keel.mjs'), 'spec', 'stats', tasks, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'tasks', tasks: { total: 8, done: 1, optional: 1 } });
  });

  it('exits 2 with a usage message on an unknown command', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin/keel.mjs'), 'frobnicate'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr + run.stdout).toMatch(/keel/i);
  });
});
