// End to end through the packaging step, as far as this machine allows: `npm run dist` builds the bundles and
// stops for want of Electron; then electron-builder itself packs the app (its `dir` target: the unpacked app an
// installer wraps) around a stand-in Electron binary, with the real config, files filter, dependency collection,
// asar and afterPack hook. Only the native rebuild is skipped: it downloads Electron's headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses';
import { build, Platform, type AfterPackContext } from 'electron-builder';
import { appEntry, bundleDirs, createConfig, rendererOnlyPackages } from './electron-builder.config';
import { writeFakeLinuxElectronDist } from './fake-electron';
import { fuseSettings } from './fuses';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const bundles = [appEntry, 'dist/electron/preload.cjs', 'dist/electron/serve.mjs', 'dist/cli/keel.mjs', 'dist/renderer/index.html'];

const work = mkdtempSync(join(tmpdir(), 'keel-pack-'));
let distRun: { status: number | null; stderr: string };
let appDir = ''; // the packed app's files: app.asar extracted, app.asar.unpacked merged in
let packedBinary = '';
let desktopEntry = ''; // the .desktop file the AppImage and deb targets would install
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));

/** Names, sizes and times of the bundle files: changes if another build touches dist/ (Vite empties it first). */
const distSignature = () =>
  bundleDirs
    .flatMap((dir) => (existsSync(join(root, dir)) ? listFiles(join(root, dir)).map((f) => join(dir, f)) : []))
    .map((f) => `${f}:${statSync(join(root, f)).size}:${statSync(join(root, f)).mtimeMs}`)
    .join('\n');

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

beforeAll(async () => {
  // 1. `npm run dist` on a machine without Electron: an empty override folder stands for "no binary anywhere".
  // --if-stale keeps `npm test` fast: dist/ is rebuilt whenever any source is newer than the last build.
  const noElectron = join(work, 'no-electron');
  const run = spawnSync(process.execPath, [join(root, 'scripts/dist.mjs'), '--if-stale'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron },
  });
  distRun = { status: run.status, stderr: run.stderr };
  if (run.status !== 3) return; // the first test reports why

  // 2. electron-builder packs the app for Linux around the stand-in Electron.
  const electronDist = join(work, 'electron-dist');
  writeFakeLinuxElectronDist(electronDist, electronVersion);
  const output = join(work, 'out');
  const config = createConfig();
  const distBefore = distSignature();
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      directories: { ...config.directories, output },
      electronDist,
      electronVersion,
      npmRebuild: false,
      // The config's own hook, then a look at the desktop entry the AppImage/deb targets would write (those
      // targets download their tools, so they cannot run here). LinuxTargetHelper is electron-builder's own.
      afterPack: async (context: AfterPackContext) => {
        await (config.afterPack as (context: AfterPackContext) => Promise<void>)(context);
        const { LinuxTargetHelper } = requireFromBuilder('app-builder-lib/out/targets/LinuxTargetHelper') as {
          LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown): Promise<string> };
        };
        const packager = context.packager as unknown as { platformSpecificBuildOptions: unknown };
        desktopEntry = await new LinuxTargetHelper(packager).computeDesktopEntry(packager.platformSpecificBuildOptions);
      },
    },
  });
  // dist/ is shared with every other build in this checkout (e2e runs `npm run build`).
  if (distSignature() !== distBefore) throw new Error('dist/ was rebuilt by another process while it was being packed: run the test again');
  const unpacked = join(output, 'linux-unpacked');
  packedBinary = join(unpacked, 'keel');
  // extractAll also copies what asarUnpack left beside the archive, so appDir is the app as Electron sees it.
  const asar = requireFromBuilder('@electron/asar') as { extractAll(archive: string, dest: string): void };
  appDir = join(work, 'app');
  asar.extractAll(join(unpacked, 'resources/app.asar'), appDir);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run dist without an Electron binary', () => {
  it('builds every production bundle, then stops with exit code 3 saying what is missing', () => {
    // dist.mjs exits 1 when the build fails, so 3 also says the bundles were built (or were already current).
    expect(distRun.stderr).toContain(`no Electron ${electronVersion} binary was found`);
    expect(distRun.status).toBe(3);
    for (const bundle of bundles) expect(existsSync(join(root, bundle)), `${bundle} was built`).toBe(true);
  });
});

describe('the packed app', () => {
  const files = () => {
    if (!appDir) throw new Error(`nothing was packed: npm run dist exited ${distRun.status} before packaging\n${distRun.stderr.slice(-2000)}`);
    return listFiles(appDir);
  };

  it('starts from the bundled main process and carries the preload and the renderer', () => {
    const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string; author?: unknown; scripts?: unknown };
    expect(pkg.main).toBe(appEntry);
    expect(pkg.author).toEqual({ name: 'Keel contributors', email: 'maintainers@keel.dev' });
    expect(pkg.scripts).toBeUndefined();
    for (const bundle of bundles) expect(files()).toContain(bundle);
  });

  it('holds no tests, no TypeScript sources, no source maps and nothing from the repo but dist/', () => {
    const all = files();
    expect(all.filter((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    expect(all.filter((f) => /\.[cm]?tsx?$/.test(f))).toEqual([]);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const topLevel = new Set(all.map((f) => f.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
  });

  it('holds no development dependency', () => {
    // A packed package is a production one when package-lock lists that name@version without `dev: true`.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { name?: string; version?: string; dev?: boolean }>;
    };
    const production = new Set<string>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (path && !entry.dev) production.add(`${name}@${entry.version}`);
    }
    const packed = files()
      .filter((f) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(f))
      .map((f) => JSON.parse(readFileSync(join(appDir, f), 'utf8')) as { name?: string; version?: string })
      .filter((pkg) => pkg.name && pkg.version) // nested package.json files that only set "type"
      .map((pkg) => `${pkg.name}@${pkg.version}`);
    expect(packed.length).toBeGreaterThan(20);
    expect(packed.filter((id) => !production.has(id))).toEqual([]);
    const names = packed.map((id) => id.slice(0, id.lastIndexOf('@')));
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'vite', 'esbuild', '@playwright/test']) {
      expect(names).not.toContain(dev);
    }
  });

  it('packs every package the main-process bundles require, and none that only the renderer uses', () => {
    const required = new Set<string>();
    for (const bundle of [appEntry, 'dist/electron/serve.mjs', 'dist/cli/keel.mjs']) {
      const code = readFileSync(join(appDir, bundle), 'utf8');
      for (const match of code.matchAll(/(?:require\(|import\(|from\s*)\s*["']([^"'./][^"']*)["']/g)) {
        const specifier = match[1] as string;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
        if (!specifier.startsWith('node:') && !builtinModules.includes(name) && name !== 'electron') required.add(name);
      }
    }
    // ws probes for these native accelerators inside try/catch and runs without them.
    // …and openai's proxy help text quotes `import { fetch } from 'undici'`, which the textual scan cannot tell apart.
    const optionalAccelerators = new Set(['bufferutil', 'utf-8-validate', 'undici']);
    const packageName = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;
    const missing = [...required]
      .filter((name) => !optionalAccelerators.has(name))
      // The scan is textual, so it also sees module-like strings in bundled code and error messages. A package that
      // is not even installed here cannot be one the bundles need (esbuild would have failed to resolve it); what
      // matters is an installed package the packer left out.
      .filter((name) => packageName.test(name) && existsSync(join(root, 'node_modules', name, 'package.json')))
      .filter((name) => !existsSync(join(appDir, 'node_modules', name, 'package.json')));
    expect(missing).toEqual([]);
    expect(rendererOnlyPackages.filter((name) => required.has(name))).toEqual([]);
    expect(rendererOnlyPackages.filter((name) => existsSync(join(appDir, 'node_modules', name)))).toEqual([]);
  });

  it('unpacks node-pty from the asar with its native binary, and ships no other OS\'s prebuilt binaries', () => {
    const unpacked = join(dirname(packedBinary), 'resources/app.asar.unpacked');
    const native = listFiles(unpacked).filter((f) => f.endsWith('.node'));
    expect(native.filter((f) => f.startsWith('node_modules/node-pty/')).length).toBeGreaterThan(0);
    expect(native.filter((f) => /\/prebuilds\//.test(f) && !f.includes(`/prebuilds/${process.platform}-`))).toEqual([]);
  });

  it('carries the sample project as a real folder beside the asar, .kiro specs included', () => {
    const examples = join(dirname(packedBinary), 'resources/examples');
    const shipped = listFiles(examples);
    const source = listFiles(join(root, 'examples')).filter((f) => !f.startsWith('node_modules/'));
    expect(shipped.sort()).toEqual(source.sort());
    expect(shipped.some((f) => f.startsWith('.kiro/specs/'))).toBe(true);
  });

  it('gets a Linux desktop entry that opens folders and matches the window class', () => {
    const lines = desktopEntry.split('\n');
    expect(lines).toContain('MimeType=inode/directory;');
    expect(lines).toContain('Icon=keel');
    expect(lines).toContain('StartupWMClass=keel');
    expect(lines).toContain('Categories=Development;');
    // %U: the file manager passes the folder (as a path or file:// URI) on the command line.
    expect(lines.find((l) => l.startsWith('Exec='))).toMatch(/\/keel %U$/);
  });

  it('has its Electron fuses flipped by the afterPack hook', async () => {
    const wire = await getCurrentFuseWire(packedBinary);
    for (const [name, on] of Object.entries(fuseSettings)) {
      expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });
});
