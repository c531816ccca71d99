import type { gitRequests } from '../../../protocol';
import { findDrift } from '../../services/git/drift';
import { gitServiceKey } from '../../services/git/git-service';
import { listSpecs } from '../../services/specs/spec-service';
import { specWorkspace } from '../../services/specs/workspace-adapter';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/git.ts; the open folder's GitService does the work. */
export function gitHandlers({ workbench, userDataDir }: HandlerDeps): FeatureHandlers<typeof gitRequests> {
  const git = () => workbench.scoped(gitServiceKey);
  const done = async (p: Promise<void>) => {
    await p;
    return {};
  };
  return {
    'git/status': () => git().status(),
    'git/init': () => git().init(),
    'git/stage': ({ paths }) => done(git().stage(paths)),
    'git/unstage': ({ paths }) => done(git().unstage(paths)),
    'git/discard': ({ paths }) => git().discard(paths),
    'git/diff': ({ path, side }) => git().diff(path, side),
    'git/stageHunk': ({ path, index, id }) => done(git().stageHunk(path, index, id)),
    'git/unstageHunk': ({ path, index, id }) => done(git().unstageHunk(path, index, id)),
    'git/showHead': ({ path }) => git().showHead(path),
    'git/commit': ({ message, amend }) => git().commit(message, amend),
    'git/branches': async () => ({ branches: await git().branches() }),
    'git/createBranch': ({ name }) => done(git().createBranch(name)),
    'git/checkout': ({ name }) => done(git().checkout(name)),
    'git/log': async ({ limit }) => ({ commits: await git().log(limit) }),
    'git/drift': async () => {
      const ws = specWorkspace(workbench.workspace);
      const specs = await Promise.all(
        (await listSpecs(ws)).map(async (s) => {
          const tasks = s.files.tasks ? await ws.readText(s.files.tasks) : undefined;
          const reqs = s.files.requirements ? await ws.readText(s.files.requirements) : undefined;
          return {
            dir: s.dir,
            ...(s.files.tasks && tasks !== undefined ? { tasks: { path: s.files.tasks, text: tasks } } : {}),
            ...(s.files.requirements && reqs !== undefined ? { requirements: { path: s.files.requirements, text: reqs } } : {}),
          };
        }),
      );
      const found = await findDrift(workbench.workspace.root, userDataDir, specs);
      return { findings: found.map(({ file, line, column, code, message }) => ({ file, line, column, code: code as 'drift/file-changed' | 'drift/requirement-edited', message })) };
    },
  };
}
