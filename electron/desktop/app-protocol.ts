import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { mimeType } from '../browser-host/static-files';
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
    const file = await resolveInside(rendererDir, url.pathname);
    if (!file) return text(404, 'Not found', csp);
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': mimeType(file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

async function resolveInside(rootDir: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = await realpath(rootDir).catch(() => undefined);
  if (!root) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const real = await realpath(path.resolve(root, relative)).catch(() => undefined);
  if (!real) return undefined;
  const rel = path.relative(root, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  const info = await stat(real).catch(() => undefined);
  return info?.isFile() ? real : undefined;
}

function text(status: number, body: string, csp: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp } });
}
