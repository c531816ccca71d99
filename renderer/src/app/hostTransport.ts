import type { Transport } from '../../../protocol';
import { createWsTransport, wsUrlFor, type WsTransport } from '../transport/wsTransport';

declare global {
  interface Window {
    /** Set by the Electron preload: the contract's `request`/`on`, nothing more. */
    keelHost?: Transport;
  }
}

export type HostTransport = { kind: 'electron'; transport: Transport } | { kind: 'browser'; transport: WsTransport };

/**
 * The host connection, opened as a side effect of evaluating this module. main.tsx imports it before anything
 * else, so the WebSocket handshake runs while React and the rest of the bundle evaluate (start-up is a benchmark).
 */
export const hostTransport: HostTransport = window.keelHost
  ? { kind: 'electron', transport: window.keelHost }
  : { kind: 'browser', transport: createWsTransport({ url: wsUrlFor(location) }) };
