import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, RequestError } from '../../../protocol';
import { createWsTransport, wsUrlFor, type SocketLike } from './wsTransport';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  sent: { id: number; channel: string; payload: unknown }[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

describe('WebSocket transport', () => {
  let sockets: FakeSocket[];
  const last = () => sockets[sockets.length - 1]!;
  const make = () =>
    createWsTransport({
      url: 'ws://127.0.0.1:4321/ws',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      backoff: () => 100,
    });

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('builds the endpoint URL from the page origin', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:4321' })).toBe('ws://127.0.0.1:4321/ws');
    expect(wsUrlFor({ protocol: 'https:', host: 'example.test' })).toBe('wss://example.test/ws');
  });

  it('matches replies to requests by id, whatever order they arrive in', async () => {
    const t = make();
    last().open();
    const client = createClient(t);
    const a = client.request('app/ping', { payload: 'a' });
    const b = client.request('workspace/list', { path: '' });
    const [ma, mb] = last().sent;
    expect(ma?.channel).toBe('app/ping');
    expect(mb?.channel).toBe('workspace/list');
    last().receive({ id: mb!.id, reply: { ok: true, value: [] } });
    last().receive({ id: ma!.id, reply: { ok: true, value: { payload: 'a' } } });
    await expect(a).resolves.toEqual({ payload: 'a' });
    await expect(b).resolves.toEqual([]);
  });

  it('turns error replies into RequestError with the code', async () => {
    const t = make();
    last().open();
    const p = createClient(t).request('workspace/readFile', { path: '../x' });
    last().receive({ id: last().sent[0]!.id, reply: { ok: false, error: { code: 'PATH_OUTSIDE_WORKSPACE', message: 'no' } } });
    await expect(p).rejects.toBeInstanceOf(RequestError);
    await expect(p).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
  });

  it('delivers events to subscribers and ignores malformed frames', () => {
    const t = make();
    last().open();
    const seen: unknown[] = [];
    createClient(t).on('terminal/data', (p) => seen.push(p));
    last().receive('not json');
    last().receive({ event: 'terminal/data', payload: { id: 't1', data: 'hi' } });
    expect(seen).toEqual([{ id: 't1', data: 'hi' }]);
  });

  it('queues requests made before the socket opens and sends them on open', async () => {
    const t = make();
    const p = t.request('app/ping', { payload: 'early' });
    expect(last().sent).toHaveLength(0);
    last().open();
    expect(last().sent[0]?.payload).toEqual({ payload: 'early' });
    last().receive({ id: last().sent[0]!.id, reply: { ok: true, value: { payload: 'early' } } });
    await expect(p).resolves.toEqual({ ok: true, value: { payload: 'early' } });
  });

  it('reports disconnection, fails in-flight requests, reconnects and flushes the queue', async () => {
    const t = make();
    const statuses: string[] = [];
    t.onStatus((s) => statuses.push(s));
    let reconnects = 0;
    t.onReconnect(() => reconnects++);
    last().open();
    const inFlight = t.request('app/ping', { payload: 'lost' });
    last().drop();
    expect(t.status()).toBe('disconnected');
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'IO' } });

    const queued = t.request('app/ping', { payload: 'later' });
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(t.status()).toBe('connected');
    expect(reconnects).toBe(1);
    expect(last().sent.map((m) => m.payload)).toEqual([{ payload: 'later' }]);
    last().receive({ id: last().sent[0]!.id, reply: { ok: true, value: { payload: 'later' } } });
    await expect(queued).resolves.toMatchObject({ ok: true });
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('keeps retrying while the host is down', () => {
    const t = make();
    last().drop();
    vi.advanceTimersByTime(100);
    last().drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(3);
    expect(t.status()).toBe('disconnected');
    t.dispose();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(3);
  });
});
