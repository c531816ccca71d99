import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { copyWorkspace, startHost, type RunningHost } from './fixtures/host';

// The browser host is reachable by any local process and any web page the user visits, so it must refuse
// everything that does not carry the per-start token, comes from another origin, or names another host.

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost(copyWorkspace());
});
test.afterAll(async () => {
  await host.stop();
  rmSync(host.workspace, { recursive: true, force: true });
});

/** A raw HTTP GET, so the Host and Origin headers are exactly what the test says (fetch would rewrite them). */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const goodHost = () => `127.0.0.1:${host.port}`;
const cookie = () => `keel_token_${host.port}=${host.token}`;

/** Opens the contract's WebSocket with the given headers; resolves with the HTTP status of a refusal, or 101. */
function upgrade(headers: Record<string, string>): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers, origin: headers.Origin });
    ws.on('open', () => resolve({ status: 101, socket: ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: 0 }));
  });
}

function call(ws: WebSocket, channel: string, payload: unknown): Promise<unknown> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; reply?: unknown };
      if (msg.id === id) resolve(msg.reply);
    });
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

test('the token URL sets an HttpOnly SameSite=Strict cookie and the page loads with it', async () => {
  const first = await get(`/?token=${host.token}`, { Host: goodHost() });
  expect(first.status).toBe(302);
  const setCookie = String(first.headers['set-cookie']);
  expect(setCookie).toContain(`keel_token_${host.port}=${host.token}`);
  expect(setCookie).toContain('HttpOnly');
  expect(setCookie).toContain('SameSite=Strict');
  const page = await get('/', { Host: goodHost(), Cookie: cookie() });
  expect(page.status).toBe(200);
  expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
});

test('HTTP without the token, with a wrong token, a foreign Origin or a rebinding Host is refused', async () => {
  expect((await get('/', { Host: goodHost() })).status).toBe(401);
  expect((await get('/?token=wrong', { Host: goodHost() })).status).toBe(401);
  expect((await get('/', { Host: goodHost(), Cookie: `keel_token_${host.port}=wrong` })).status).toBe(401);
  expect((await get('/', { Host: goodHost(), Cookie: cookie(), Origin: 'http://evil.example' })).status).toBe(403);
  expect((await get('/', { Host: `evil.example:${host.port}`, Cookie: cookie() })).status).toBe(403);
  expect((await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(403);
});

test('the WebSocket upgrade needs the cookie, our Origin and our Host', async () => {
  const origin = `http://127.0.0.1:${host.port}`;
  expect((await upgrade({ Origin: origin })).status).toBe(401);
  expect((await upgrade({ Origin: 'http://evil.example', Cookie: cookie() })).status).toBe(403);
  expect((await upgrade({ Origin: origin, Cookie: cookie(), Host: `evil.example:${host.port}` })).status).toBe(403);
  const ok = await upgrade({ Origin: origin, Cookie: cookie() });
  expect(ok.status).toBe(101);
  ok.socket!.close();
});

test('a path escape over the contract gets the typed error, and a malformed request a BAD_REQUEST', async () => {
  const { socket } = await upgrade({ Origin: `http://127.0.0.1:${host.port}`, Cookie: cookie() });
  const ws = socket!;
  for (const path of ['../../etc/passwd', '/etc/passwd', 'src/\0x']) {
    expect(await call(ws, 'workspace/readFile', { path })).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_WORKSPACE' } });
  }
  expect(await call(ws, 'workspace/readFile', { path: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await call(ws, 'workspace/nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  const readme = (await call(ws, 'workspace/readFile', { path: 'README.md' })) as { ok: boolean; value: { content: string } };
  expect(readme.ok).toBe(true);
  expect(readme.value.content).toContain('Tiny Todo');
  ws.close();
});
