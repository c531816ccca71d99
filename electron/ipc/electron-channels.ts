/**
 * The only two Electron IPC channels: every contract request travels on one, every event on the other. The
 * contract's own channel name is an argument, validated by the router like on the WebSocket.
 */
export const REQUEST_CHANNEL = 'keel:request';
export const EVENT_CHANNEL = 'keel:event';

/** Origin of the renderer in the desktop app (custom protocol, see desktop/app-protocol.ts). */
export const APP_SCHEME = 'keel';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
