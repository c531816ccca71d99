import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('npm start', () => {
  it(
    'without an Electron binary or a display, starts the browser host on the example project and prints its address',
    async () => {
      // A throwaway HOME: the host keeps its user data (recent folders) under it.
      const home = mkdtempSync(join(tmpdir(), 'keel-start-'));
      const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), DISPLAY: '', WAYLAND_DISPLAY: '' };
      const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (output += t));
      child.stderr.setEncoding('utf8').on('data', (t: string) => (output += t));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', () => /Open this address in a browser: http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(output) && resolve());
          child.on('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
        });
        expect(output).toContain('starting the browser host');
        // Electron ≥ 42 downloads its binary when required; start must never trigger that (offline machines).
        expect(output).not.toContain('Downloading Electron');
        const url = /Keel browser host: (\S+)/.exec(output)?.[1];
        const res = await fetch(url!, { redirect: 'manual' });
        expect(res.status).toBe(302);
      } finally {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
    180_000,
  );
});
