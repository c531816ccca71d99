// `npm start [folder]`: build if needed, then run Keel — in Electron when its binary is installed, otherwise in the
// browser host (opened as a Chromium app window when a display and Chromium exist, else the URL is printed).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './build-stamp.mjs';

const args = process.argv.slice(2);
const folderArg = args.find((a) => !a.startsWith('-'));
const folder = resolve(folderArg ?? join(repoRoot, 'examples'));
if (!existsSync(folder)) {
  console.error(`Keel: the folder ${folder} does not exist.`);
  process.exit(2);
}

const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electronBinary = await findElectron();
if (electronBinary) {
  const child = spawn(electronBinary, [join(repoRoot, 'dist/electron/main.cjs'), folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  startBrowserHost();
}

/**
 * The installed Electron binary, if any. Deliberately not `require('electron')`: since Electron 42 that starts a
 * download when the binary is missing, which fails (or hangs) offline. The check is shared with `npm run dist`.
 */
async function findElectron() {
  const { tsImport } = await import('tsx/esm/api');
  const { findElectronBinary } = await tsImport(join(repoRoot, 'build/electron-binary.ts'), import.meta.url);
  const binary = findElectronBinary(join(repoRoot, 'node_modules', 'electron'), process.env);
  return binary.found ? binary.path : undefined;
}

function startBrowserHost() {
  console.log('Keel: no Electron binary installed (`npx install-electron` fetches it) — starting the browser host.');
  const passThrough = args.filter((a) => a !== folderArg);
  const host = spawn(process.execPath, [join(repoRoot, 'dist/electron/serve.mjs'), folder, ...passThrough], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let opened = false;
  host.stdout.setEncoding('utf8');
  host.stdout.on('data', (text) => {
    process.stdout.write(text);
    const url = /Keel browser host: (\S+)/.exec(text)?.[1];
    if (url && !opened) {
      opened = true;
      openAppWindow(url);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
  host.on('exit', (code) => process.exit(code ?? 0));
}

function openAppWindow(url) {
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  const chromium = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].find(onPath);
  if (!hasDisplay || !chromium) {
    console.log(`Open this address in a browser: ${url}`);
    return;
  }
  const profile = join(process.env.XDG_CONFIG_HOME ?? join(process.env.HOME ?? '.', '.config'), 'keel', 'chromium');
  const app = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run'], {
    stdio: 'ignore',
    detached: true,
  });
  app.on('error', () => console.log(`Could not start ${chromium}; open this address in a browser: ${url}`));
  app.unref();
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
