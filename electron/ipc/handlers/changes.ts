import type { changesRequests } from '../../../protocol';
import { changeReviewKey } from '../../services/changes/change-review';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/changes.ts; the open folder's change review service does the work. */
export function changesHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof changesRequests> {
  // Eager: an apply a crash left half-done is finished or rolled back (and orphaned temp files go) when the folder opens.
  workbench.whenOpen((ctx) => void ctx.scoped(changeReviewKey));
  const reviews = () => workbench.scoped(changeReviewKey);
  return {
    'changes/list': async () => {
      const service = reviews();
      return { reviews: await service.list(), problems: service.problems };
    },
    'changes/get': ({ id }) => reviews().get(id),
    'changes/decide': ({ id, decision, path, hunk }) => reviews().decide(id, decision, path, hunk),
    'changes/editProposed': ({ id, path, text }) => reviews().editProposed(id, path, text),
    'changes/apply': ({ id, acceptAll }) => reviews().apply(id, { acceptAll }),
    'changes/reject': ({ id }) => reviews().reject(id),
    'changes/discard': ({ id }) => reviews().discard(id),
    'changes/revert': ({ id }) => reviews().revert(id),
    'changes/conflict': ({ id, path }) => reviews().conflict(id, path),
    'changes/resolveConflict': ({ id, path, action }) => reviews().resolveConflict(id, path, action),
  };
}
