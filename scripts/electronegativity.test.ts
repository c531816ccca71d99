import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./electronegativity.mjs', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'keel-eng-'));
  // The classic insecure template: Node in the renderer, no isolation.
  await writeFile(
    path.join(dir, 'main.ts'),
    `import { app, BrowserWindow } from 'electron';
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
  void win.loadURL('http://example.com');
});
`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runScan(input: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, input], { timeout: 60_000 }, (error, stdout) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

describe('scripts/electronegativity.mjs', () => {
  it('fails and lists the findings for an insecure Electron main process', async () => {
    const { code, stdout } = await runScan(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(stdout).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(stdout).toMatch(/main\.ts:3:/);
    expect(stdout).toMatch(/finding\(s\) above informational/);
  }, 60_000);
});
