import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insideAndOutside } from '../../base/node/confine/test-support';
import { serveStatic } from './static-files';

let server: Server;
let port: number;

beforeAll(async () => {
  const { root, outside } = await insideAndOutside();
  await writeFile(path.join(root, 'index.html'), '<p>keel</p>');
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'assets', 'a.js'), 'export {}');
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'leak.js'));
  await symlink(outside, path.join(root, 'out'));
  server = createServer((req, res) => {
    void serveStatic(root, new URL(req.url ?? '/', 'http://x').pathname, res, {}).then((served) => {
      if (!served) res.writeHead(404).end('no');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Raw request path (no URL normalisation by a client), answered status and body. */
function get(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (t: string) => (body += t));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStatic (through base/node/confine)', () => {
  it('serves index.html at / and assets below the root', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<p>keel</p>' });
    expect(await get('/assets/a.js')).toEqual({ status: 200, body: 'export {}' });
  });

  it.each(['/assets/leak.js', '/out/secret.txt', '/../outside/secret.txt', '/%2e%2e/outside/secret.txt', '/..%2foutside%2fsecret.txt', '/assets/a.js%00', '/assets', '/%E0%A4%A'])(
    'answers 404 for %s',
    async (p) => {
      const { status, body } = await get(p);
      expect(status).toBe(404);
      expect(body).not.toContain('OUTSIDE');
    },
  );
});
