import type { specwriterRequests } from '../../../protocol';
import { specWriterKey } from '../../services/specwriter/spec-writer-key';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/specwriter.ts (spec from a prompt). */
export function specwriterHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof specwriterRequests> {
  const writer = () => workbench.scoped(specWriterKey);
  return {
    'specwriter/start': (req) => writer().start(req),
    'specwriter/list': async () => ({ states: await writer().list() }),
    'specwriter/approve': ({ dir, force }) => writer().approve(dir, force ?? false),
    'specwriter/refine': ({ dir, feedback, overwriteEdited }) => writer().refine(dir, feedback, overwriteEdited ?? false),
    'specwriter/stop': ({ dir }) => writer().stop(dir),
  };
}
