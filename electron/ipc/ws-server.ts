import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, EventName, EventOf, Reply, ServerMessage } from '../../protocol';
import type { Router } from './router';

export interface WsTransportOptions {
  router: Router;
  /** Per-connection state (terminal readers) is released here. */
  onConnectionClosed?: (connectionId: string) => void;
  /** Largest accepted message; the contract caps terminal writes at 1 MB, files may be bigger. */
  maxPayloadBytes?: number;
}

/**
 * The browser host's transport: one WebSocket per renderer, requests answered on the socket they came from,
 * events sent to every connection. Authentication happens before `handleUpgrade` is called (see browser-host).
 */
export class WsTransport {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private nextConnection = 1;

  constructor(private readonly options: WsTransportOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 64 * 1024 * 1024 });
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  broadcast<E extends EventName>(event: E, payload: EventOf<E>): void {
    if (!this.sockets.size) return;
    const message: ServerMessage = { event, payload };
    const text = JSON.stringify(message);
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  /**
   * Closes every connection with 1001 "going away" after what was already queued (the last events included), so
   * the renderer can tell a shutdown from a network error; a peer that does not answer within a second is cut.
   */
  async close(): Promise<void> {
    const sockets = [...this.sockets];
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            const cut = setTimeout(() => ws.terminate(), 1_000);
            ws.once('close', () => {
              clearTimeout(cut);
              resolve();
            });
            ws.close(1001, 'Keel is shutting down');
          }),
      ),
    );
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    const connectionId = `ws-${this.nextConnection++}`;
    this.sockets.add(ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.send(ws, { id: -1, reply: badRequest('Binary messages are not part of the protocol') });
      void this.handle(ws, connectionId, data.toString());
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.options.onConnectionClosed?.(connectionId);
    });
    ws.on('error', () => ws.terminate());
  }

  private async handle(ws: WebSocket, connectionId: string, text: string): Promise<void> {
    const message = parseClientMessage(text);
    if ('error' in message) return this.send(ws, { id: message.id, reply: badRequest(message.error) });
    const reply = await this.options.router.dispatch(message.channel, message.payload, { connectionId });
    this.send(ws, { id: message.id, reply });
  }

  private send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }
}

/** A message the router can take, or why not (with the id when one could be read, else -1). */
function parseClientMessage(text: string): ClientMessage | { id: number; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { id: -1, error: 'Message is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null) return { id: -1, error: 'Message must be a JSON object' };
  const { id, channel, payload } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { id: -1, error: 'Message needs a numeric id' };
  if (typeof channel !== 'string') return { id, error: 'Message needs a channel name' };
  return { id, channel, payload };
}

function badRequest(message: string): Reply<never> {
  return { ok: false, error: { code: 'BAD_REQUEST', message } };
}
