import { z } from 'zod';

export const appRequests = {
  'app/info': {
    request: z.object({}),
    response: z.object({
      host: z.enum(['electron', 'browser']),
      version: z.string(),
      platform: z.string(),
      /** Electron only: the host can show a native Open Folder dialog. */
      canOpenFolder: z.boolean(),
    }),
  },
  /** Echo, used by the IPC round-trip benchmark and as a liveness check. */
  'app/ping': {
    request: z.object({ payload: z.string().max(65_536) }),
    response: z.object({ payload: z.string() }),
  },
  'app/openFolder': {
    request: z.object({ path: z.string().optional() }),
    response: z.object({ opened: z.boolean() }),
  },
  'app/recentFolders': {
    request: z.object({}),
    response: z.array(z.string()),
  },
} as const;

export const appEvents = {
  /** Pushed by the host when the process is about to switch workspace or quit. */
  'app/workspaceClosing': z.object({}),
} as const;
