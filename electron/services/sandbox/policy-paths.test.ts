import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePolicy, secretFilesIn } from './policy-paths';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function scene() {
  root = mkdtempSync(join('/var/tmp', 'keel-policy-'));
  const ws = join(root, 'ws');
  const home = join(root, 'home');
  for (const d of [join(ws, '.git'), join(ws, '.kiro/hooks'), join(ws, 'config'), join(ws, 'node_modules/x'), join(home, '.ssh')]) mkdirSync(d, { recursive: true });
  for (const f of ['.env', 'config/.env.production', 'config/server.PEM', 'node_modules/x/.env', 'README.md']) writeFileSync(join(ws, f), 'x');
  writeFileSync(join(home, 'real-secret'), 'x');
  symlinkSync(join(home, 'real-secret'), join(ws, '.env.link'));
  return { ws, home };
}

describe('resolvePolicy', () => {
  it('names the existing control files read-only, pins their parents and hides secrets (symlink targets too)', async () => {
    const { ws, home } = scene();
    const policy = await resolvePolicy({ workspace: ws, home, userDataDir: join(home, 'missing') });
    expect(policy.readOnly).toEqual([join(ws, '.git'), join(ws, '.kiro/hooks')]);
    expect(policy.pinned).toEqual([join(ws, '.kiro')]);
    const hidden = policy.hidden.map((h) => `${h.kind}:${h.path}`);
    expect(hidden).toEqual(expect.arrayContaining([`dir:${join(home, '.ssh')}`, `file:${join(ws, '.env')}`, `file:${join(ws, 'config/.env.production')}`, `file:${join(ws, 'config/server.PEM')}`, `file:${join(home, 'real-secret')}`]));
    // node_modules is not scanned; a path that does not exist is not named (bwrap would create it).
    expect(hidden.join()).not.toContain('node_modules');
    expect(hidden.join()).not.toContain('missing');
    expect(policy.network).toBe(false);
  });

  it('finds secret files by name in the first levels only', async () => {
    const { ws } = scene();
    mkdirSync(join(ws, 'a/b/c/d/e'), { recursive: true });
    writeFileSync(join(ws, 'a/b/c/d/e/.env'), 'deep');
    writeFileSync(join(ws, 'a/b/.env'), 'shallow');
    const found = await secretFilesIn(ws);
    expect(found).toContain(join(ws, 'a/b/.env'));
    expect(found).not.toContain(join(ws, 'a/b/c/d/e/.env'));
  });
});
