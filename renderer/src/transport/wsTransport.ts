import type { ClientMessage, Reply, ServerMessage, Transport } from '../../../protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** The part of the browser's WebSocket the transport uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
}

export interface WsTransport extends Transport {
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Called after a connection is re-established (not the first one), so the UI can re-sync its views. */
  onReconnect(listener: () => void): () => void;
  dispose(): void;
}

const OPEN = 1;

export const defaultBackoff = (attempt: number): number => Math.min(250 * 2 ** attempt, 5000);

/** The URL of the browser host's WebSocket endpoint for the page's own origin. */
export function wsUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * WebSocket transport for the browser host. Requests made while disconnected wait in a queue and go out when the
 * socket opens; requests already sent when the socket drops are answered with an IO error (the host may or may not
 * have run them, so they are never replayed). The socket reconnects with exponential backoff.
 */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoff ?? defaultBackoff;
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const queue: ClientMessage[] = [];
  const sent = new Set<number>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const reconnectListeners = new Set<() => void>();
  let nextId = 1;
  let status: ConnectionStatus = 'connecting';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let everConnected = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (next: ConnectionStatus) => {
    if (next === status) return;
    status = next;
    for (const l of statusListeners) l(next);
  };

  /** Answers the requests already on the wire (all of them when `everything`, e.g. on dispose). */
  const failInFlight = (everything = false) => {
    const lost: Reply<unknown> = {
      ok: false,
      error: { code: 'IO', message: 'The connection to the Keel host was lost before it answered.' },
    };
    for (const [id, resolve] of pending) {
      if (!everything && !sent.has(id)) continue;
      pending.delete(id);
      sent.delete(id);
      resolve(lost);
    }
    if (everything) queue.length = 0;
  };

  const send = (ws: SocketLike, message: ClientMessage) => {
    sent.add(message.id);
    ws.send(JSON.stringify(message));
  };

  const handleMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      console.warn('Keel: ignoring a malformed message from the host');
      return;
    }
    if (message && typeof message === 'object' && 'id' in message) {
      const resolve = pending.get(message.id);
      if (!resolve) return;
      pending.delete(message.id);
      sent.delete(message.id);
      resolve(message.reply);
    } else if (message && typeof message === 'object' && 'event' in message) {
      for (const l of eventListeners) l(message.event, message.payload);
    }
  };

  const connect = () => {
    if (disposed) return;
    setStatus(socket || everConnected ? 'disconnected' : 'connecting');
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      const reconnected = everConnected;
      everConnected = true;
      setStatus('connected');
      for (const message of queue.splice(0)) send(ws, message);
      if (reconnected) for (const l of reconnectListeners) l();
    };
    ws.onmessage = (ev) => {
      if (socket === ws) handleMessage(ev.data);
    };
    ws.onerror = () => {
      /* onclose follows and handles the reconnect */
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      failInFlight();
      if (disposed) return;
      setStatus('disconnected');
      timer = setTimeout(connect, backoff(attempt++));
    };
  };

  connect();

  return {
    request(channel, payload) {
      return new Promise<Reply<unknown>>((resolve) => {
        const message: ClientMessage = { id: nextId++, channel, payload };
        pending.set(message.id, resolve);
        if (socket && socket.readyState === OPEN && status === 'connected') {
          send(socket, message);
        } else {
          queue.push(message);
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      socket?.close();
      socket = null;
      failInFlight(true);
    },
  };
}
