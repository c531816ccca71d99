import type { terminalRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

export function terminalHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof terminalRequests> {
  return {
    'terminal/create': ({ cols, rows }, ctx) => workbench.terminals.create(cols, rows, ctx.connectionId),
    'terminal/list': () => workbench.terminals.list(),
    'terminal/attach': ({ id }, ctx) => workbench.terminals.attach(id, ctx.connectionId),
    'terminal/write': ({ id, data }) => {
      workbench.terminals.write(id, data);
      return {};
    },
    'terminal/resize': ({ id, cols, rows }) => {
      workbench.terminals.resize(id, cols, rows);
      return {};
    },
    'terminal/ack': ({ id, chars }) => {
      workbench.terminals.ack(id, chars);
      return {};
    },
    'terminal/kill': ({ id }) => {
      workbench.terminals.kill(id);
      return {};
    },
  };
}
