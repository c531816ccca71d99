// The fuses Keel ships with, and the afterPack hook that writes them into the packed Electron binary. The real
// binary cannot be downloaded here, so the hook runs on a stand-in carrying Electron's fuse wire (fake-electron.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AfterPackContext } from 'electron-builder';
import { ELECTRON_DEFAULT_WIRE, FUSE_SENTINEL as SENTINEL, writeFakeElectron } from './fake-electron';
import { flipFusesAfterPack, fuseConfig, fuseSettings, packedExecutablePath } from './fuses';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keel-fuses-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const linuxContext = (appOutDir: string) =>
  ({ appOutDir, electronPlatformName: 'linux', packager: { executableName: 'keel', appInfo: { productFilename: 'Keel' } } }) as unknown as AfterPackContext;

describe('fuse settings', () => {
  it('turns off every way to run the shipped app as something else, and turns on integrity checks', () => {
    expect(fuseSettings).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('maps each setting to its slot in the fuse wire and leaves the rest to Electron', () => {
    const config = fuseConfig('linux', 'linux');
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBeUndefined();
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('darwin', 'darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 'linux').resetAdHocDarwinSignature).toBe(false);
  });
});

describe('afterPack hook', () => {
  it('writes the settings into the packed binary', async () => {
    const dir = tempDir();
    writeFakeElectron(join(dir, 'keel'));
    await flipFusesAfterPack(linuxContext(dir));

    const wire = await getCurrentFuseWire(join(dir, 'keel'));
    const expectState = (on: boolean) => (on ? FuseState.ENABLE : FuseState.DISABLE);
    for (const [name, on] of Object.entries(fuseSettings)) {
      expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(expectState(on));
    }
    // Fuses Keel does not set keep Electron's value (V8 snapshot off, Wasm trap handlers on).
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });

  it('changes nothing but the fuse bytes', async () => {
    const dir = tempDir();
    const binary = join(dir, 'keel');
    writeFakeElectron(binary);
    const before = readFileSync(binary);
    await flipFusesAfterPack(linuxContext(dir));
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + ELECTRON_DEFAULT_WIRE.length)).toBe(true);
  });

  it('fails the packaging step, naming the file, when the binary has no fuse wire', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keel'), 'not electron');
    await expect(flipFusesAfterPack(linuxContext(dir))).rejects.toThrow(`Could not flip Electron fuses in ${join(dir, 'keel')}`);
  });

  it('finds the executable the way each platform names it', () => {
    const packager = { executableName: 'keel', appInfo: { productFilename: 'Keel' } };
    const at = (electronPlatformName: string) =>
      packedExecutablePath({ appOutDir: '/out', electronPlatformName, packager } as unknown as AfterPackContext);
    expect(at('linux')).toBe(join('/out', 'keel'));
    expect(at('darwin')).toBe(join('/out', 'Keel.app'));
    expect(at('win32')).toBe(join('/out', 'Keel.exe'));
    expect(() => at('aix')).toThrow('unknown platform "aix"');
  });
});
