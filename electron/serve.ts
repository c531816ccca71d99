/**
 * Keel's browser host: the same main-process services as the desktop app, reached over HTTP + WebSocket on
 * 127.0.0.1 with a per-start token. Used where Electron's binary is absent, by CI and by the e2e tests.
 *
 *   node --import tsx electron/serve.ts [folder] [--port N] [--user-data-dir DIR] [--renderer-dir DIR]
 *
 * Prints exactly one line to stdout, `Keel browser host: <url>`, which tools parse; everything else goes to stderr.
 */
import { startBrowserHost, type BrowserHost } from './browser-host/browser-host';
import { parseServeArgs, SERVE_USAGE } from './browser-host/serve-args';
import { findRepoRoot, readVersion } from './base/repo-root';
import { createHandlers } from './ipc/handlers/index';
import { createRouter } from './ipc/router';
import { defaultUserDataDir, RecentFolders } from './services/app/user-data';
import { Workbench } from './services/app/workbench';

async function main(): Promise<void> {
  const root = findRepoRoot(import.meta.url);
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2), root);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${SERVE_USAGE}`);
    process.exit(2);
  }

  const userDataDir = args.userDataDir ?? defaultUserDataDir();
  const recent = new RecentFolders(userDataDir);
  // Late binding: the workbench exists before the server that carries its events.
  const late: { host?: BrowserHost } = {};
  const workbench = new Workbench({
    recent,
    userDataDir,
    emit: (event, payload) => late.host?.transport.broadcast(event, payload),
  });
  try {
    await workbench.open(args.folder);
  } catch (err) {
    console.error(`Keel: cannot open ${args.folder}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }

  const handlers = createHandlers({ host: { kind: 'browser', version: readVersion(root) }, workbench, recent });
  const router = createRouter(handlers, (err) => console.error('Keel: unexpected error in a handler:', err));
  const host = await startBrowserHost({
    router,
    rendererDir: args.rendererDir,
    port: args.port,
    onConnectionClosed: (id) => workbench.connectionClosed(id),
  }).catch((err: unknown) => {
    console.error(`Keel: cannot listen: ${err instanceof Error ? err.message : String(err)}`);
    return process.exit(1);
  });
  late.host = host;
  process.stdout.write(`Keel browser host: ${host.url}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`Keel: ${signal}, shutting down`);
    // Bounded: a stuck child must not keep the host alive.
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    // Workbench first: it announces app/workspaceClosing and kills the ptys while the sockets are still open.
    await workbench.dispose().catch(() => undefined);
    await host.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

void main();
