/**
 * Keel's desktop host. Wires the same handlers as the browser host to Electron IPC and applies the security
 * baseline of ARCHITECTURE.md §6; it holds no feature logic of its own.
 *
 * Bundled as CommonJS (dist/electron/main.cjs, see scripts/build.mjs) next to `preload.cjs`, so paths come from
 * `__dirname`; node-pty and the other packages stay external.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import type { Reply } from '../protocol';
import { findRepoRootFrom } from './base/repo-root';
import { registerAppScheme, serveAppScheme } from './desktop/app-protocol';
import { DESKTOP_CSP, hardenSessionAndContents } from './desktop/hardening';
import { isTrustedSender } from './ipc/sender-check';
import { WindowStateStore } from './desktop/window-state';
import { APP_ORIGIN, EVENT_CHANNEL, REQUEST_CHANNEL } from './ipc/electron-channels';
import { createHandlers } from './ipc/handlers/index';
import { createRouter } from './ipc/router';
import { defaultUserDataDir, RecentFolders } from './services/app/user-data';
import { Workbench } from './services/app/workbench';

// Before `ready`: the privileged scheme, the sandbox for every renderer, one user data dir shared with serve.ts.
registerAppScheme();
app.enableSandbox();
app.setPath('userData', defaultUserDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((err: unknown) => {
    dialog.showErrorBox('Keel could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const root = findRepoRootFrom(__dirname);
  const userDataDir = app.getPath('userData');
  const ui: { window?: BrowserWindow } = {};

  serveAppScheme(path.join(root, 'dist', 'renderer'), DESKTOP_CSP);
  hardenSessionAndContents(() => ui.window);

  const recent = new RecentFolders(userDataDir);
  const workbench = new Workbench({
    recent,
    userDataDir,
    emit: (event, payload) => {
      if (ui.window && !ui.window.isDestroyed()) ui.window.webContents.send(EVENT_CHANNEL, event, payload);
    },
  });
  const handlers = createHandlers({
    host: { kind: 'electron', version: app.getVersion(), pickFolder: () => pickFolder(ui.window) },
    workbench,
    recent,
  });
  const router = createRouter(handlers, (err) => console.error('Keel: unexpected error in a handler:', err));

  ipcMain.handle(REQUEST_CHANNEL, async (event, channel: unknown, payload: unknown): Promise<Reply<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Request from a frame outside the Keel app' } };
    }
    return router.dispatch(channel, payload, { connectionId: connectionOf(event.sender.id) });
  });

  await workbench.open(await initialFolder(recent, root));
  const window = await createWindow(new WindowStateStore(userDataDir), workbench);
  ui.window = window;

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    // Kill every pty before the process goes: no orphaned shells.
    event.preventDefault();
    disposed = true;
    void workbench.dispose().finally(() => app.quit());
  });
}

function connectionOf(webContentsId: number): string {
  return `webContents-${webContentsId}`;
}

async function createWindow(states: WindowStateStore, workbench: Workbench): Promise<BrowserWindow> {
  const state = await states.load();
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    ...state.bounds,
    minWidth: 400,
    minHeight: 300,
    show: false,
    title: 'Keel',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      // Reviewed: the preload exposes only window.keelHost (request/onEvent on two fixed channels), see preload.ts.
      preload: path.join(__dirname, 'preload.cjs'), /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in new windows, bypassing the window.open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) window.maximize();
  states.track(window);
  window.once('ready-to-show', () => window.show());

  // A reload or a crashed renderer no longer acknowledges terminal output; the new page reattaches.
  const connectionId = connectionOf(window.webContents.id);
  window.webContents.on('did-start-loading', () => workbench.connectionClosed(connectionId));
  window.webContents.on('render-process-gone', () => workbench.connectionClosed(connectionId));

  window.loadURL(`${APP_ORIGIN}/index.html`).catch((err: unknown) => {
    dialog.showErrorBox('Keel', `The workbench did not load (is it built? run npm run build): ${String(err)}`);
  });
  return window;
}

async function pickFolder(parent: BrowserWindow | undefined): Promise<string | undefined> {
  const options = { title: 'Open Folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}

/** A folder named on the command line, else the most recent one that still exists, else the bundled example. */
async function initialFolder(recent: RecentFolders, root: string): Promise<string> {
  const args = process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  const candidates = [...args.map((a) => path.resolve(a)), ...(await recent.list())];
  for (const candidate of candidates) {
    if ((await stat(candidate).catch(() => undefined))?.isDirectory()) return candidate;
  }
  return path.join(root, 'examples');
}
