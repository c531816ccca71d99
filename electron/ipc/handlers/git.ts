import type { gitRequests } from '../../../protocol';
import { driftServiceKey } from '../../services/git/drift-service';
import { gitServiceKey } from '../../services/git/git-service';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/git.ts; the open folder's GitService does the work. */
export function gitHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof gitRequests> {
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
    'git/drift': () => workbench.scoped(driftServiceKey).state(),
    'git/reviewDrift': ({ specDir, taskId }) => workbench.scoped(driftServiceKey).review(specDir, taskId),
  };
}
