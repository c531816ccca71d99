import type { tasksRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/tasks.ts; the feature's service does the work. */
export function tasksHandlers(_deps: HandlerDeps): FeatureHandlers<typeof tasksRequests> {
  return {};
}
