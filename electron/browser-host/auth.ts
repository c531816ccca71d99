import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browsers keep cookies per host name, not per port, so two Keel instances on one machine would overwrite each
 * other's cookie under one name: the name carries the port.
 */
export function cookieName(port: number): string {
  return `keel_token_${port}`;
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * Who may talk to the browser host: whoever holds this start's random token (as the HttpOnly cookie the printed
 * URL turns into), from a page of this very origin, addressed by the loopback name — the last check defeats DNS
 * rebinding, where a foreign site resolves its own name to 127.0.0.1.
 */
export class BrowserAuth {
  readonly token = randomBytes(32).toString('base64url');
  private port = 0;

  setPort(port: number): void {
    this.port = port;
  }

  /** Host and Origin, checked on every HTTP request and upgrade before anything else. */
  checkOrigin(req: IncomingMessage): Verdict {
    const hosts = [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
    if (!hosts.includes(req.headers.host ?? '')) {
      return { ok: false, status: 403, reason: 'Forbidden: unexpected Host header' };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
      return { ok: false, status: 403, reason: 'Forbidden: foreign Origin' };
    }
    return { ok: true };
  }

  checkCookie(req: IncomingMessage): Verdict {
    const presented = readCookie(req.headers.cookie, cookieName(this.port));
    if (presented !== undefined && this.matches(presented)) return { ok: true };
    return { ok: false, status: 401, reason: 'Unauthorized: open the URL Keel printed at start-up' };
  }

  matches(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  setCookieHeader(): string {
    return `${cookieName(this.port)}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
