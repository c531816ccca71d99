// `npm run dist [-- --publish never|always|onTag|onTagOrDraft] [--dir] [--if-stale]`: builds the production
// bundles, then the installers for this platform with electron-builder (config: build/electron-builder.config.ts).
// Without an Electron binary it stops after the bundles with exit code 3 and says what is missing.
//   --dir        only the unpacked app (dist/installers/<platform>-unpacked), no installer
//   --if-stale   reuse dist/ when it is newer than every source (releases always rebuild)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { repoRoot } from './build-stamp.mjs';

const usage = 'usage: npm run dist [-- --publish never|always|onTag|onTagOrDraft] [--dir] [--if-stale]';
const publishModes = ['never', 'always', 'onTag', 'onTagOrDraft'];

function parseArgs(argv) {
  const options = { publish: 'never', dir: false, ifStale: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') options.dir = true;
    else if (arg === '--if-stale') options.ifStale = true;
    else if (arg === '--publish' || arg === '-p') {
      const mode = argv[++i];
      if (!publishModes.includes(mode)) fail(`--publish takes one of ${publishModes.join(', ')} (got ${mode ?? 'nothing'})`);
      options.publish = mode;
    } else fail(`unknown argument ${arg}`);
  }
  return options;
}

function fail(message, code = 2) {
  console.error(`npm run dist: ${message}\n${usage}`);
  process.exit(code);
}

const options = parseArgs(process.argv.slice(2));

const buildArgs = [join(repoRoot, 'scripts', 'build.mjs'), ...(options.ifStale ? ['--if-stale'] : [])];
const built = spawnSync(process.execPath, buildArgs, { stdio: 'inherit', cwd: repoRoot });
if (built.status !== 0) fail(`the production build (scripts/build.mjs) failed with exit code ${built.status ?? built.signal}`, 1);

const { tsImport } = await import('tsx/esm/api');
const load = (path) => tsImport(join(repoRoot, path), import.meta.url);
const { findElectronBinary, missingElectronMessage } = await load('build/electron-binary.ts');
const { createConfig } = await load('build/electron-builder.config.ts');

const electronDir = join(repoRoot, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const binary = findElectronBinary(electronDir, process.env);
if (!binary.found) {
  console.error(missingElectronMessage(binary, electronVersion));
  process.exit(3);
}

const config = createConfig({ sourcemaps: process.env.KEEL_SOURCEMAPS === '1' });
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const { build, Platform } = await import('electron-builder');
const host = Platform.current();
try {
  const artifacts = await build({
    projectDir: repoRoot,
    publish: options.publish,
    // A local Electron given explicitly is used as is (no download); otherwise electron-builder fetches the
    // Electron release for each target arch itself.
    config: override ? { ...config, electronDist: override } : config,
    ...(options.dir ? { targets: host.createTarget('dir') } : {}),
  });
  console.log(`npm run dist: ${artifacts.length} file(s) in ${config.directories?.output}:`);
  for (const file of artifacts) console.log(`  ${file}`);
} catch (error) {
  console.error(`npm run dist: electron-builder failed: ${error instanceof Error ? error.message : String(error)}`);
  // The native rebuild works in place in node_modules and, offline, fails after deleting node-pty's build:
  // say how to get `npm start` and the tests working again.
  console.error(
    'electron-builder needs network access for Electron\'s headers (native rebuild) and its packaging tools.\n' +
      'If it failed while rebuilding native modules, restore them for Node with: npm rebuild node-pty',
  );
  process.exit(1);
}
