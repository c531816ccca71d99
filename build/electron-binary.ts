// Finds the Electron binary the way the `electron` package does, without its side effect: since Electron 42,
// `require('electron')` starts a download when the binary is missing, which on an offline machine hangs on the
// network and then throws. Packaging only needs to know whether a binary is there.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary =
  | { found: true; path: string }
  | { found: false; expectedPath: string; overridden: boolean };

/** `electronPackageDir` is node_modules/electron; `env` decides ELECTRON_OVERRIDE_DIST_PATH. */
export function findElectronBinary(electronPackageDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pathFile = join(electronPackageDir, 'path.txt');
  // path.txt names the executable inside the dist folder (e.g. `electron`, `Electron.app/Contents/MacOS/Electron`);
  // it is written only once a download has succeeded.
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override
    ? join(override, relative ?? defaultExecutable())
    : join(electronPackageDir, 'dist', relative ?? defaultExecutable());
  if (existsSync(path)) return { found: true, path };
  return { found: false, expectedPath: path, overridden: Boolean(override) };
}

function defaultExecutable(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** What to tell someone whose `npm run dist` stopped for want of Electron. */
export function missingElectronMessage(binary: Extract<ElectronBinary, { found: false }>, version: string): string {
  return [
    `npm run dist: the production bundles are built (dist/), but no Electron ${version} binary was found, so no installer was made.`,
    `  looked for: ${binary.expectedPath}${binary.overridden ? ' (from ELECTRON_OVERRIDE_DIST_PATH)' : ''}`,
    'To package Keel, do one of:',
    '  - on a machine that can reach Electron\'s GitHub releases: `npx install-electron`, then `npm run dist`',
    '    (electron-builder also downloads the Electron zips of the target platforms and Electron\'s headers);',
    `  - point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron ${version} for this platform (the folder that`,
    '    holds the electron executable); it is then used as is, without any download;',
    '  - push a tag v* and let .github/workflows/release.yml build all three platforms (see build/README.md).',
  ].join('\n');
}
