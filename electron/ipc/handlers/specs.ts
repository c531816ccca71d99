import type { specsRequests } from '../../../protocol';
import { createSpec, listSpecs } from '../../services/specs/spec-service';
import { specWorkspace } from '../../services/specs/workspace-adapter';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

export function specsHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof specsRequests> {
  return {
    'spec/list': async () => ({ specs: await listSpecs(specWorkspace(workbench.workspace)) }),
    'spec/create': ({ name, type, workflow }) => createSpec(specWorkspace(workbench.workspace), name, type, workflow),
  };
}
