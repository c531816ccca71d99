import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock } from '../e2e/fixtures/fake-bedrock';
import { writeTrustDecision } from '../e2e/fixtures/hooks/trust-file';

// Issue 17, Deliver 5 / finding 8: the BUILT CLI (dist/cli/keel.mjs, as installed) runs the agent's commands as the
// app does — parsed with the bash grammar (which the bundle once could not find), classified, and run in the OS
// sandbox unasked; a network command needs an ask, which the CLI cannot make, so it is refused.
const repoRoot = resolve(import.meta.dirname, '..');
const cli = join(repoRoot, 'dist/cli/keel.mjs');
const SECRET = 'cli-secret-7f3a';

let fake: FakeBedrock;
let listener: Server;
let connections = 0;
let port = 0;
beforeAll(async () => {
  // Rebuilds dist/ only when a source file is newer than the last build (a fresh clone builds once).
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--if-stale'], { cwd: repoRoot, stdio: 'ignore' });
  listener = createServer((s) => {
    connections += 1;
    s.end('hello\n');
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as { port: number }).port;
  fake = await startFakeBedrock({
    script: (req) => {
      const turn = (req.body.messages as unknown[]).length;
      if (turn === 1) return { steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo inside > marker.txt; cat .env; printenv AWS_SECRET_ACCESS_KEY; echo ran-ok' } } }] };
      if (turn === 3) return { steps: [{ toolUse: { name: 'executeBash', input: { command: `curl -s http://127.0.0.1:${port}/` } } }] };
      if (turn === 5) return { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'src/task-1.js', text: '// task 1\n' } } }] };
      return { steps: [{ text: 'Implemented task 1.' }] };
    },
  });
}, 240_000);
afterAll(async () => {
  await fake?.close();
  await new Promise<void>((r) => listener?.close(() => r()));
});

describe('keel task run, built', () => {
  it('runs a harmless agent command sandboxed and unasked, and refuses the network command it cannot ask about', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-built-'));
    const userData = mkdtempSync(join(tmpdir(), 'keel-built-user-'));
    try {
      cpSync(join(repoRoot, 'e2e/fixtures/tasks/three-tasks'), dir, { recursive: true });
      writeFileSync(join(dir, '.env'), `TOKEN=${SECRET}\n`);
      writeTrustDecision(userData, dir, 'trusted');
      const env = { ...process.env, KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1', NO_COLOR: '1' };
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(process.execPath, [cli, 'task', 'run', 'greetings', '1', '--yes', '--user-data-dir', userData], { cwd: dir, env, timeout: 120_000 }, (_err, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }));
      });
      expect(run.stderr).not.toContain('Could not load the bash grammar');
      expect(run.stderr).toContain('Task 1 done');
      expect(run.code).toBe(0);
      // The first command ran without an ask, inside the workspace, and saw neither .env nor the AWS secret.
      expect(readFileSync(join(dir, 'marker.txt'), 'utf8')).toBe('inside\n');
      const firstResult = fake.requests[1]!.raw;
      expect(firstResult).toContain('ran-ok');
      expect(firstResult).not.toContain(SECRET);
      // The network command needed an ask: refused by the CLI, never run.
      expect(run.stderr).toContain(`Refused to run "curl -s http://127.0.0.1:${port}/"`);
      expect(connections).toBe(0);
      expect(existsSync(join(dir, 'src/task-1.js'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    }
  }, 180_000);
});
