import type { agentRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/agent.ts; the feature's service does the work. */
export function agentHandlers(_deps: HandlerDeps): FeatureHandlers<typeof agentRequests> {
  return {};
}
