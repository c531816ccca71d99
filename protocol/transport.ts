import type { Reply } from './error-codes';

/**
 * What the renderer needs from a host: send a request and receive events. The Electron preload and the browser
 * host's WebSocket both implement it; the renderer never learns which one it has.
 */
export interface Transport {
  request(channel: string, payload: unknown): Promise<Reply<unknown>>;
  /** Subscribe to every event; returns an unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/** Wire messages of the WebSocket transport (JSON). */
export type ClientMessage = { id: number; channel: string; payload: unknown };
export type ServerMessage =
  | { id: number; reply: Reply<unknown> }
  | { event: string; payload: unknown };
