import type { changesRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/changes.ts; the feature's service does the work. */
export function changesHandlers(_deps: HandlerDeps): FeatureHandlers<typeof changesRequests> {
  return {};
}
