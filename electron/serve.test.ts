import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../protocol';

/** The real CLI in a child process, as tools and the e2e tests start it. */
const serveScript = fileURLToPath(new URL('./serve.ts', import.meta.url));

interface Started {
  child: ChildProcess;
  url: URL;
  port: number;
  token: string;
  stderr: () => string;
}

async function startServe(args: string[]): Promise<Started> {
  // An empty HOME: terminals must not depend on (or wait for) the developer's own shell start-up files.
  const home = await mkdtemp(path.join(os.tmpdir(), 'keel-home-'));
  const child = spawn(process.execPath, ['--import', 'tsx', serveScript, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  const match = /^Keel browser host: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))$/.exec(first);
  if (!match) throw new Error(`unexpected first line: ${first}`);
  return { child, url: new URL(match[1] as string), port: Number(match[2]), token: match[3] as string, stderr: () => stderr };
}

async function stop(server: Started | undefined): Promise<number | null> {
  if (!server || server.child.exitCode !== null) return server?.child.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  return exited;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

let base: string;
let server: Started;
const cookie = () => `keel_token_${server.port}=${server.token}`;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'keel-serve-'));
  await mkdir(path.join(base, 'ws', 'src'), { recursive: true });
  await writeFile(path.join(base, 'ws', 'src', 'hello.ts'), 'export const hello = 1;\r\n');
  await mkdir(path.join(base, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html><title>Keel</title>');
  await writeFile(path.join(base, 'renderer', 'assets', 'app-123.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  server = await startServe([
    path.join(base, 'ws'),
    '--user-data-dir',
    path.join(base, 'user-data'),
    '--renderer-dir',
    path.join(base, 'renderer'),
  ]);
});

afterAll(async () => {
  await stop(server);
  await rm(base, { recursive: true, force: true });
});

describe('browser host over HTTP', () => {
  it('trades the printed token for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const res = await get(server.port, `/?token=${server.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']?.[0]).toBe(`keel_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('serves the renderer with the cookie, with a strict CSP, nosniff and the right MIME types', async () => {
    const page = await get(server.port, '/', { Cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Keel</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const script = await get(server.port, '/assets/app-123.js', { Cookie: cookie() });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers 401 without the cookie or with a wrong token', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/assets/app-123.js')).status).toBe(401);
    expect((await get(server.port, '/', { Cookie: `keel_token_${server.port}=guess` })).status).toBe(401);
    expect((await get(server.port, '/?token=guess')).status).toBe(401);
  });

  it('answers 403 to a foreign Origin even with the cookie', async () => {
    const res = await get(server.port, '/', { Cookie: cookie(), Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/Origin/);
    expect((await get(server.port, '/', { Cookie: cookie(), Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('answers 403 to a rebinding Host even with the cookie and the token', async () => {
    const evilHost = { Host: `evil.example:${server.port}` };
    expect((await get(server.port, '/', { ...evilHost, Cookie: cookie() })).status).toBe(403);
    expect((await get(server.port, `/?token=${server.token}`, evilHost)).status).toBe(403);
    expect((await get(server.port, '/', { Host: `localhost:${server.port}`, Cookie: cookie() })).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await get(server.port, attempt, { Cookie: cookie() });
      expect(res.status, attempt).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('shows a clear 503 when the renderer is not built', async () => {
    const bare = await startServe([path.join(base, 'ws'), '--renderer-dir', path.join(base, 'nothing-here'), '--user-data-dir', path.join(base, 'ud2')]);
    try {
      const res = await get(bare.port, '/', { Cookie: `keel_token_${bare.port}=${bare.token}` });
      expect(res.status).toBe(503);
      expect(res.body).toContain('renderer not built — run npm run build');
    } finally {
      expect(await stop(bare)).toBe(0);
    }
  });
});

/** A connected contract client over the real WebSocket. */
class WsClient {
  private nextId = 1;
  readonly events: Array<{ event: string; payload: unknown }> = [];
  private readonly pending = new Map<number, (reply: unknown) => void>();
  private eventWaiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if ('event' in message) {
        this.events.push(message);
        const waiters = this.eventWaiters;
        this.eventWaiters = [];
        waiters.forEach((w) => w());
      } else this.pending.get(message.id)?.(message.reply);
    });
  }

  request(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (reply: unknown) => void);
      this.ws.send(JSON.stringify({ id, channel, payload }));
    });
  }

  sendRaw(text: string): Promise<unknown> {
    return new Promise((resolve) => {
      this.pending.set(-1, resolve);
      this.ws.send(text);
    });
  }

  until(done: (events: WsClient['events']) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (done(this.events) ? resolve() : this.eventWaiters.push(check));
      check();
    });
  }
}

function connect(port: number, headers: Record<string, string>): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    ws.once('open', () => resolve(new WsClient(ws)));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser host over WebSocket', () => {
  const goodHeaders = () => ({ Cookie: cookie(), Origin: `http://127.0.0.1:${server.port}` });

  it('refuses the upgrade without the cookie (401), from a foreign Origin (403) or a rebinding Host (403)', async () => {
    await expect(connect(server.port, { Origin: `http://127.0.0.1:${server.port}` })).rejects.toThrow('refused 401');
    await expect(connect(server.port, { Cookie: cookie(), Origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect(server.port, { ...goodHeaders(), Host: `evil.example:${server.port}` })).rejects.toThrow('refused 403');
  });

  it('answers requests, bad requests and path escapes with typed replies', async () => {
    const client = await connect(server.port, goodHeaders());
    try {
      expect(await client.request('app/ping', { payload: 'hi' })).toEqual({ ok: true, value: { payload: 'hi' } });
      expect(await client.request('app/info', {})).toMatchObject({ ok: true, value: { host: 'browser', canOpenFolder: false } });
      const file = await client.request('workspace/readFile', { path: 'src/hello.ts' });
      expect(file).toMatchObject({ ok: true, value: { content: 'export const hello = 1;\r\n', readOnly: false } });
      expect(await client.request('workspace/readFile', { path: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await client.request('workspace/readFile', { path: '../secret.txt' })).toMatchObject({
        ok: false,
        error: { code: 'PATH_OUTSIDE_WORKSPACE' },
      });
      expect(await client.request('nope/never', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(await client.sendRaw('{not json')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      client.ws.close();
    }
  });

  it('saves a file and pushes the change made on disk by another program', async () => {
    const client = await connect(server.port, goodHeaders());
    try {
      const listed = await client.request('workspace/list', { path: '' });
      expect(listed).toMatchObject({ ok: true, value: [{ name: 'src', kind: 'directory' }] });
      const file = (await client.request('workspace/readFile', { path: 'src/hello.ts' })).value as { version: string };
      expect(await client.request('workspace/writeFile', { path: 'src/hello.ts', content: 'saved\n', expectedVersion: file.version }))
        .toMatchObject({ ok: true });
      expect(await readFile(path.join(base, 'ws', 'src', 'hello.ts'), 'utf8')).toBe('saved\n');
      // The watcher may still be doing its initial scan; keep touching until a change comes through.
      const external = path.join(base, 'ws', 'external.md');
      let n = 0;
      const touch = setInterval(() => void writeFile(external, String(n++)), 100);
      try {
        await client.until((events) =>
          events.some((e) => e.event === 'workspace/changed' && JSON.stringify(e.payload).includes('external.md')),
        );
      } finally {
        clearInterval(touch);
      }
    } finally {
      client.ws.close();
    }
  });

  it('runs a terminal over the socket: output events, then the exit code', async () => {
    const client = await connect(server.port, goodHeaders());
    try {
      const created = await client.request('terminal/create', { cols: 80, rows: 24 });
      const { id } = created.value as { id: string };
      await client.request('terminal/write', { id, data: 'echo ws-$((20+1)); exit 5\r' });
      await client.until((events) => events.some((e) => e.event === 'terminal/exit'));
      const text = client.events
        .filter((e) => e.event === 'terminal/data')
        .map((e) => (e.payload as { data: string }).data)
        .join('');
      expect(text).toContain('ws-21');
      expect(client.events.find((e) => e.event === 'terminal/exit')?.payload).toEqual({ id, exitCode: 5 });
    } finally {
      client.ws.close();
    }
  });
  it('delivers a multi-megabyte output completely before the exit event, with the client acknowledging', async () => {
    const client = await connect(server.port, goodHeaders());
    try {
      const { id } = (await client.request('terminal/create', { cols: 120, rows: 30 })).value as { id: string };
      let acked = 0;
      const ackAll = () => {
        const total = client.events
          .filter((e) => e.event === 'terminal/data')
          .reduce((n, e) => n + (e.payload as { data: string }).data.length, 0);
        if (total > acked) void client.request('terminal/ack', { id, chars: total - acked });
        acked = total;
      };
      // printf keeps the marker out of the echoed command line.
      await client.request('terminal/write', { id, data: "head -c 3000000 /dev/urandom | base64; printf 'END-%s\\n' MARKER; exit\r" });
      await client.until((events) => {
        ackAll();
        return events.some((e) => e.event === 'terminal/exit');
      });
      const lines = client.events
        .filter((e) => e.event === 'terminal/data')
        .map((e) => (e.payload as { data: string }).data)
        .join('')
        .split('\r\n')
        // The shell may switch bracketed paste off right before the output: drop escape sequences and lone CRs.
        // eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
        .map((l) => l.replace(/\x1b\[[?0-9;]*[a-zA-Z]/g, '').replace(/\r/g, ''));
      // 3,000,000 bytes → 4,000,000 base64 characters → 52,631 full lines of 76 and one of 44.
      expect(lines.filter((l) => /^[A-Za-z0-9+/]{76}$/.test(l))).toHaveLength(52_631);
      const last = lines.findIndex((l) => /^[A-Za-z0-9+/]{44}$/.test(l));
      expect(last).toBeGreaterThan(0);
      expect(lines.indexOf('END-MARKER')).toBeGreaterThan(last);
    } finally {
      client.ws.close();
    }
  });
});

describe('shutdown', () => {
  it('kills its terminals and exits cleanly on SIGTERM', async () => {
    const own = await startServe([path.join(base, 'ws'), '--renderer-dir', path.join(base, 'renderer'), '--user-data-dir', path.join(base, 'ud3')]);
    const client = await connect(own.port, { Cookie: `keel_token_${own.port}=${own.token}`, Origin: `http://127.0.0.1:${own.port}` });
    const { pid } = (await client.request('terminal/create', { cols: 80, rows: 24 })).value as { pid: number };
    expect(() => process.kill(pid, 0)).not.toThrow();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    expect(await stop(own)).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();
    // The page learns it was a shutdown, not a network error.
    expect(client.events.map((e) => e.event)).toContain('app/workspaceClosing');
    expect(await closed).toBe(1001);
  });
});
