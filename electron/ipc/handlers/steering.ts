import type { steeringRequests } from '../../../protocol';
import { steeringServiceKey } from '../../services/steering/steering-service';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/steering.ts; the folder's SteeringService does the work. */
export function steeringHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof steeringRequests> {
  const steering = () => workbench.scoped(steeringServiceKey);
  return {
    'steering/list': () => steering().list(),
    'steering/setInclusion': ({ file, inclusion, fileMatchPatterns, name, description }) =>
      steering().setInclusion(file, { inclusion, ...(fileMatchPatterns ? { fileMatchPatterns } : {}), ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) }),
    'steering/testPattern': ({ patterns, limit }) => steering().testPattern(patterns, limit),
    'steering/createDefaults': () => steering().createDefaults(),
    'steering/appliesTo': ({ path }) => steering().appliesTo(path),
  };
}
