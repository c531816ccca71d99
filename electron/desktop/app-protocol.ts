import { protocol } from 'electron';
import { mimeType, openAsset } from '../browser-host/static-files';
import { APP_HOST, APP_SCHEME } from '../ipc/electron-channels';

/**
 * Must run before `app` is ready: `keel://` becomes a standard, secure origin, so the renderer gets a real origin
 * ('self' in the CSP, fetch and module workers work) instead of file://, which would expose the whole disk.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/** Serves the built renderer at keel://app/…, confined to `rendererDir`, with the CSP on every response. */
export function serveAppScheme(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Not found', csp);
    // The same confined open as the browser host's static server (one implementation, base/node/confine).
    const asset = await openAsset(rendererDir, url.pathname);
    if (!asset) return text(404, 'Not found', csp);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await asset.handle.readFile());
    } finally {
      await asset.handle.close();
    }
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': mimeType(asset.relative), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

function text(status: number, body: string, csp: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp } });
}
