import type { searchRequests } from '../../../protocol';
import { searchServiceFor } from '../../services/search/search-registry';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

export function searchHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof searchRequests> {
  const search = () => searchServiceFor(workbench.workspace);
  return {
    'search/start': async (query, ctx) => ({ searchId: await search().start(query, ctx.connectionId) }),
    'search/next': ({ searchId }) => search().next(searchId),
    'search/cancel': ({ searchId }) => {
      search().cancel(searchId);
      return {};
    },
    'search/preview': ({ query, replacement, target, content }) => search().preview(query, replacement, target, content),
    'search/replace': ({ query, replacement, targets }) => search().replace(query, replacement, targets),
  };
}
