import type { workspaceRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

export function workspaceHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof workspaceRequests> {
  return {
    'workspace/info': () => ({ root: workbench.workspace.root, name: workbench.workspace.name }),
    'workspace/list': ({ path: rel }) => {
      // The explorer's first listing is the moment to start watching (not host start-up, which must stay fast).
      void workbench.workspace.startWatching().catch(() => undefined);
      return workbench.workspace.fs.list(rel);
    },
    'workspace/readFile': ({ path: rel }) => workbench.workspace.fs.readFile(rel),
    // A save from an editor: features (hooks) hear about it through WorkspaceService.onDidSave.
    'workspace/writeFile': ({ path: rel, content, expectedVersion }) => workbench.workspace.save(rel, content, expectedVersion),
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
  };
}
