/**
 * The desktop app's preload (sandboxed, context-isolated). It exposes exactly one object, `window.keelHost`,
 * implementing the contract's Transport — never ipcRenderer itself, so page script can reach nothing but the
 * two Keel channels, and the main process still validates everything that arrives on them.
 *
 * Bundle as CommonJS: sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Reply, Transport } from '../protocol';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from './ipc/electron-channels';

const keelHost: Transport = {
  request(channel: string, payload: unknown): Promise<Reply<unknown>> {
    return ipcRenderer.invoke(REQUEST_CHANNEL, String(channel), payload) as Promise<Reply<unknown>>;
  },
  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    const forward = (_e: IpcRendererEvent, event: unknown, payload: unknown) => {
      if (typeof event === 'string') listener(event, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('keelHost', keelHost);
