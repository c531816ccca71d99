// ipc.roundtrip_p50_ms / _p99_ms: a contract request (app/ping) from a page over the browser host's WebSocket —
// validation, routing and JSON included — against a raw WebSocket echo server measured from the same page.
import { rmSync } from 'node:fs';
import { WebSocketServer } from 'ws';
import { copyWorkspace, startHost } from '../e2e/fixtures/host';
import { launchChromium, percentile } from './browser';
import { report } from './report';

const ROUNDS = 3000;
const WARMUP = 300;

const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
echo.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
await new Promise((r) => echo.once('listening', r));
const echoPort = (echo.address() as { port: number }).port;

const workspace = copyWorkspace();
const host = await startHost(workspace);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.waitForSelector('body[data-workbench-ready="true"]', { state: 'attached', timeout: 30_000 });

  // Both loops run in a page of the same browser: same engine, same JSON, one in-flight message at a time.
  // The baseline runs in a blank page: the workbench's CSP (rightly) forbids connecting to another port.
  const blank = await browser.newPage();
  const measure = (url: string, contract: boolean) =>
    (contract ? page : blank).evaluate(
      async ({ url, contract, rounds, warmup }) => {
        const ws = new WebSocket(url);
        await new Promise((r, j) => ((ws.onopen = r), (ws.onerror = j)));
        const samples: number[] = [];
        for (let i = 0; i < rounds + warmup; i++) {
          const msg = contract ? { id: i, channel: 'app/ping', payload: { payload: 'x'.repeat(64) } } : { id: i, payload: 'x'.repeat(64) };
          const t0 = performance.now();
          await new Promise<void>((resolve) => {
            ws.onmessage = (ev) => {
              const data = JSON.parse(String(ev.data)) as { id?: number };
              if (data.id === i) resolve();
            };
            ws.send(JSON.stringify(msg));
          });
          if (i >= warmup) samples.push(performance.now() - t0);
        }
        ws.close();
        return samples;
      },
      { url, contract, rounds: ROUNDS, warmup: WARMUP },
    );

  const baseline = await measure(`ws://127.0.0.1:${echoPort}/`, false);
  const contract = await measure(`ws://127.0.0.1:${host.port}/ws`, true);
  for (const p of [50, 99]) {
    const value = percentile(contract, p);
    const base = percentile(baseline, p);
    report({ name: `ipc.roundtrip_p${p}_ms`, value, unit: 'ms', baseline: base, ratio: value / base });
  }
} finally {
  await browser.close();
  await host.stop();
  echo.close();
  rmSync(workspace, { recursive: true, force: true });
}
