import { stat } from 'node:fs/promises';
import path from 'node:path';
import { KeelError } from '../../protocol';
import type { RecentFolders } from '../services/app/user-data';
import type { Workbench } from '../services/app/workbench';
import { searchServiceFor } from '../services/search/search-registry';
import { createSpec, listSpecs } from '../services/specs/spec-service';
import { specWorkspace } from '../services/specs/workspace-adapter';
import type { Handlers } from './router';

/** What differs between the Electron host and the browser host — and nothing else. */
export interface HostInfo {
  kind: 'electron' | 'browser';
  version: string;
  /** Electron shows a native dialog; the browser host has none and returns undefined. */
  pickFolder?: () => Promise<string | undefined>;
}

export interface HandlerDeps {
  host: HostInfo;
  workbench: Workbench;
  recent: RecentFolders;
}

/** The one handler set both hosts register: every channel of the contract maps onto a service call. */
export function createHandlers({ host, workbench, recent }: HandlerDeps): Handlers {
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

    'workspace/info': () => ({ root: workbench.workspace.root, name: workbench.workspace.name }),
    'workspace/list': ({ path: rel }) => {
      // The explorer's first listing is the moment to start watching (not host start-up, which must stay fast).
      void workbench.workspace.startWatching().catch(() => undefined);
      return workbench.workspace.fs.list(rel);
    },
    'workspace/readFile': ({ path: rel }) => workbench.workspace.fs.readFile(rel),
    'workspace/writeFile': ({ path: rel, content, expectedVersion }) =>
      workbench.workspace.fs.writeFile(rel, content, expectedVersion),
    'workspace/createFile': ({ path: rel, content }) => workbench.workspace.fs.createFile(rel, content),
    'workspace/createDirectory': async ({ path: rel }) => {
      await workbench.workspace.fs.createDirectory(rel);
      return {};
    },
    'workspace/rename': async ({ from, to }) => {
      await workbench.workspace.fs.rename(from, to);
      return {};
    },
    'workspace/delete': async ({ path: rel }) => {
      await workbench.workspace.fs.delete(rel);
      return {};
    },
    'workspace/quickOpen': ({ query, limit }) => workbench.workspace.quickOpen(query, limit),

    'search/start': async (query, ctx) => ({ searchId: await searchServiceFor(workbench.workspace).start(query, ctx.connectionId) }),
    'search/next': ({ searchId }) => searchServiceFor(workbench.workspace).next(searchId),
    'search/cancel': ({ searchId }) => {
      searchServiceFor(workbench.workspace).cancel(searchId);
      return {};
    },
    'search/preview': ({ query, replacement, target, content }) =>
      searchServiceFor(workbench.workspace).preview(query, replacement, target, content),
    'search/replace': ({ query, replacement, targets }) =>
      searchServiceFor(workbench.workspace).replace(query, replacement, targets),

    'terminal/create': ({ cols, rows }, ctx) => workbench.terminals.create(cols, rows, ctx.connectionId),
    'terminal/list': () => workbench.terminals.list(),
    'terminal/attach': ({ id }, ctx) => workbench.terminals.attach(id, ctx.connectionId),
    'terminal/write': ({ id, data }) => {
      workbench.terminals.write(id, data);
      return {};
    },
    'terminal/resize': ({ id, cols, rows }) => {
      workbench.terminals.resize(id, cols, rows);
      return {};
    },
    'terminal/ack': ({ id, chars }) => {
      workbench.terminals.ack(id, chars);
      return {};
    },
    'terminal/kill': ({ id }) => {
      workbench.terminals.kill(id);
      return {};
    },

    'spec/list': async () => ({ specs: await listSpecs(specWorkspace(workbench.workspace)) }),
    'spec/create': ({ name, type, workflow }) => createSpec(specWorkspace(workbench.workspace), name, type, workflow),
  };
}
