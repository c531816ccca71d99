import { stat } from 'node:fs/promises';
import path from 'node:path';
import { KeelError, type appRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

export function appHandlers({ host, workbench, recent }: HandlerDeps): FeatureHandlers<typeof appRequests> {
  return {
    'app/info': () => ({
      host: host.kind,
      version: host.version,
      platform: process.platform,
      canOpenFolder: host.pickFolder !== undefined,
    }),
    'app/ping': ({ payload }) => ({ payload }),
    'app/openFolder': async ({ path: requested }) => {
      const folder = requested ?? (await host.pickFolder?.());
      if (!folder) return { opened: false };
      if (!path.isAbsolute(folder)) throw new KeelError('BAD_REQUEST', 'Open Folder needs an absolute path');
      const info = await stat(folder).catch(() => undefined);
      if (!info) throw new KeelError('NOT_FOUND', `${JSON.stringify(folder)} does not exist`);
      if (!info.isDirectory()) throw new KeelError('NOT_A_DIRECTORY', `${JSON.stringify(folder)} is not a folder`);
      await workbench.open(folder);
      return { opened: true };
    },
    'app/recentFolders': () => recent.list(),
  };
}
