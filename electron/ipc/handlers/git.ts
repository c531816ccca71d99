import type { gitRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/git.ts; the feature's service does the work. */
export function gitHandlers(_deps: HandlerDeps): FeatureHandlers<typeof gitRequests> {
  return {};
}
