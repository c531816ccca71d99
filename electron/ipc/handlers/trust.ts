import type { trustRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/trust.ts; the feature's service does the work. */
export function trustHandlers(_deps: HandlerDeps): FeatureHandlers<typeof trustRequests> {
  return {};
}
