import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Router } from '../ipc/router';
import { WsTransport } from '../ipc/ws-server';
import { BrowserAuth, type Verdict } from './auth';
import { serveStatic } from './static-files';

export interface BrowserHostOptions {
  router: Router;
  rendererDir: string;
  /** 0 or undefined: any free port. */
  port?: number;
  onConnectionClosed?: (connectionId: string) => void;
}

export interface BrowserHost {
  /** The one URL to open: carries the token once, which the server turns into a cookie. */
  readonly url: string;
  readonly port: number;
  readonly transport: WsTransport;
  close(): Promise<void>;
}

/**
 * Strict CSP for the renderer. Monaco needs inline styles (it sets style attributes and injects <style>) and
 * blob:/self workers; nothing needs eval or a CDN.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** HTTP + WebSocket on 127.0.0.1 only; every request and upgrade is checked (Host, Origin, token cookie). */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const auth = new BrowserAuth();
  const transport = new WsTransport({ router: options.router, onConnectionClosed: options.onConnectionClosed });
  let securityHeaders: Record<string, string> = {};

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error', securityHeaders);
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = auth.checkOrigin(req);
    if (!origin.ok) return refuse(res, origin.status, origin.reason, securityHeaders);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(res, 405, 'Method not allowed', { ...securityHeaders, Allow: 'GET, HEAD' });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const presented = url.searchParams.get('token');
    if (presented !== null) {
      if (!auth.matches(presented)) return refuse(res, 401, 'Unauthorized: wrong or expired token', securityHeaders);
      // Trade the token in the URL (visible in history) for an HttpOnly cookie, then drop it from the address.
      url.searchParams.delete('token');
      res.writeHead(302, {
        ...securityHeaders,
        'Set-Cookie': auth.setCookieHeader(),
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    const cookie = auth.checkCookie(req);
    if (!cookie.ok) return refuse(res, cookie.status, cookie.reason, securityHeaders);
    if (!existsSync(path.join(options.rendererDir, 'index.html'))) {
      return refuse(res, 503, 'Keel: renderer not built — run npm run build', securityHeaders);
    }
    const served = await serveStatic(options.rendererDir, url.pathname, res, securityHeaders);
    if (!served) refuse(res, 404, 'Not found', securityHeaders);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict: Verdict =
      url.pathname !== '/ws' ? { ok: false, status: 403, reason: 'Forbidden: unknown endpoint' } : checkAll(req);
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason);
    transport.handleUpgrade(req, socket, head);
  });

  function checkAll(req: IncomingMessage): Verdict {
    const origin = auth.checkOrigin(req);
    return origin.ok ? auth.checkCookie(req) : origin;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  auth.setPort(port);
  securityHeaders = {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };

  return {
    url: `http://127.0.0.1:${port}/?token=${auth.token}`,
    port,
    transport,
    async close() {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(res: ServerResponse, status: number, reason: string, headers: Record<string, string>): void {
  const body = `${reason}\n`;
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
