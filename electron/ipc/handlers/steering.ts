import type { steeringRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/steering.ts; the feature's service does the work. */
export function steeringHandlers(_deps: HandlerDeps): FeatureHandlers<typeof steeringRequests> {
  return {};
}
