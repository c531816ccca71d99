import { KeelError } from '../../../protocol';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { SpecWorkspace } from './spec-service';

/** Quick open's index holds every (non-ignored) file; an empty query lists them all, up to its own cap. */
const ALL_FILES = 500_000;

export function specWorkspace(ws: WorkspaceService): SpecWorkspace {
  return {
    // Through quickOpen (not the index directly) so the watcher starts: the Specs view relies on its events.
    files: async () => (await ws.quickOpen('', ALL_FILES)).matches.map((m) => m.path),
    readText: async (path) => {
      try {
        return (await ws.fs.readFile(path)).content;
      } catch {
        return undefined; // deleted meanwhile or unreadable: the spec is listed without that document's data
      }
    },
    exists: async (path) => {
      try {
        await ws.fs.list(path);
        return true;
      } catch (err) {
        if (err instanceof KeelError && err.code === 'NOT_FOUND') return false;
        if (err instanceof KeelError && err.code === 'NOT_A_DIRECTORY') return true;
        throw err;
      }
    },
    createFile: async (path, content) => {
      await ws.fs.createFile(path, content);
    },
  };
}
