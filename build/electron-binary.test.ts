// Deciding whether an Electron binary is there to package with, without triggering electron's own download.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary, missingElectronMessage } from './electron-binary';

const dirs: string[] = [];
function fakeElectronPackage(options: { pathTxt?: string; binary?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-electron-'));
  dirs.push(dir);
  if (options.pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), options.pathTxt);
  if (options.binary !== undefined) {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', options.binary), '');
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports the binary that an electron download left in node_modules/electron/dist', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary(dir, {})).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
  });

  it('reports it missing after an offline `npm ci` (no path.txt, no dist/)', () => {
    const dir = fakeElectronPackage();
    const result = findElectronBinary(dir, {});
    expect(result.found).toBe(false);
    expect(result).toMatchObject({ overridden: false });
  });

  it('reports it missing when path.txt survives but the binary was deleted', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron' });
    expect(findElectronBinary(dir, {})).toEqual({ found: false, expectedPath: join(dir, 'dist', 'electron'), overridden: false });
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH instead of node_modules when it is set', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron', binary: 'electron' });
    const empty = fakeElectronPackage();
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: empty })).toEqual({
      found: false,
      expectedPath: join(empty, 'electron'),
      overridden: true,
    });
    writeFileSync(join(empty, 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: empty })).toEqual({ found: true, path: join(empty, 'electron') });
  });
});

describe('missingElectronMessage', () => {
  it('says what is missing, where it looked and the ways to get it', () => {
    const message = missingElectronMessage({ found: false, expectedPath: '/x/electron', overridden: true }, '45.5.0');
    expect(message).toContain('no Electron 45.5.0 binary was found');
    expect(message).toContain('/x/electron (from ELECTRON_OVERRIDE_DIST_PATH)');
    expect(message).toContain('npx install-electron');
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(message).toContain('release.yml');
  });
});
