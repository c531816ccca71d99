import { KeelError } from '../../../protocol';
import { defineFolderService } from '../app/folder-service';
import { ServiceTextSearch } from '../search/agent-text-search';
import { searchServiceFor } from '../search/search-registry';
import { defaultUserSteeringDir, UserSteeringDir } from '../steering/user-steering';
import type { WorkspaceService } from '../workspace/workspace-service';
import { JsonPhaseStore } from './phase-store';
import { AgentPlanner } from './planner';
import { SpecWriter, type SpecFiles } from './spec-writer';

/** The open folder's spec writer: the planner with the Search view's engine, phase state in Keel's user data. */
export const specWriterKey = defineFolderService('specwriter', (ctx) => {
  const ws = ctx.workspace;
  const writer = new SpecWriter({
    files: workspaceFiles(ws),
    planner: new AgentPlanner({
      root: ws.root,
      userDataDir: ctx.userDataDir,
      search: new ServiceTextSearch(searchServiceFor(ws)),
      userSteering: new UserSteeringDir(defaultUserSteeringDir()),
    }),
    store: new JsonPhaseStore(ctx.userDataDir, ws.root),
    emit: ctx.emit,
  });
  writer.own(ws.onDidChangeFiles((changes) => void writer.filesChanged(changes.map((c) => c.path)).catch(() => undefined)));
  return writer;
});

function workspaceFiles(ws: WorkspaceService): SpecFiles {
  const notFound = (e: unknown) => e instanceof KeelError && e.code === 'NOT_FOUND';
  return {
    read: async (path) => {
      try {
        return (await ws.fs.readFile(path)).content;
      } catch (e) {
        if (notFound(e)) return undefined;
        throw e;
      }
    },
    // createFile makes the folders and claims a new name exclusively; an existing file is replaced atomically.
    write: async (path, text) => {
      try {
        await ws.fs.createFile(path, text);
      } catch (e) {
        if (!(e instanceof KeelError && e.code === 'EXISTS')) throw e;
        await ws.fs.writeFile(path, text);
      }
    },
    exists: async (path) => {
      try {
        await ws.fs.list(path);
        return true;
      } catch (e) {
        if (notFound(e)) return false;
        if (e instanceof KeelError && e.code === 'NOT_A_DIRECTORY') return true;
        throw e;
      }
    },
  };
}
