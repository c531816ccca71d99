import type { specwriterRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/specwriter.ts (spec from a prompt). */
export function specwriterHandlers(_deps: HandlerDeps): FeatureHandlers<typeof specwriterRequests> {
  return {};
}
