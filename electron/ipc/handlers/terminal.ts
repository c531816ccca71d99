import type { terminalRequests } from '../../../protocol';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

export function terminalHandlers({ workbench, emit }: HandlerDeps): FeatureHandlers<typeof terminalRequests> {
  // Terminals the host starts for commands (agent, hooks) are announced so every window shows them. The listener
  // lives as long as the folder's terminal service (disposed with it).
  workbench.whenOpen(({ terminals }) => {
    terminals.onDidOpen((info) => emit('terminal/opened', info));
    terminals.onDidClose((id) => emit('terminal/closed', { id }));
  });
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
    'terminal/ack': ({ id, chars }, ctx) => {
      workbench.terminals.ack(id, chars, ctx.connectionId);
      return {};
    },
    'terminal/kill': ({ id }) => {
      workbench.terminals.kill(id);
      return {};
    },
  };
}
