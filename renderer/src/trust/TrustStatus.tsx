import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import './trust.css';
import { getServices } from '../app/services';
import { McpToolAskDialog } from '../mcp/McpToolAskDialog';
import { Icon } from '../workbench/icons';
import { ApprovalDialog } from './ApprovalDialog';
import { CommandAskDialog } from './CommandAskDialog';
import { FirstOpenDialog } from './FirstOpenDialog';
import { deferKey, startTrust, useTrust } from './trustStore';

/**
 * Status bar: "Restricted Mode" while the folder is not trusted, "N to approve" while hook files or mcp.json wait
 * for re-approval; a click opens the matching dialog. Also hosts the trust dialogs (one at a time: a command
 * or MCP tool call waiting for an answer first, then the folder question, then approvals).
 */
export function TrustStatus() {
  const { state, asks, mcpAsks, firstOpenDismissed, approvalsDeferred, dialogRequested } = useTrust();
  useEffect(() => startTrust(getServices().client), []);
  if (!state) return null;
  const pending = state.pending.filter((p) => !approvalsDeferred.includes(deferKey(p.file, p.content)));
  const trusted = state.decision === 'trusted';

  let dialog = null;
  const ask = asks[0];
  const mcpAsk = mcpAsks[0];
  if (ask) dialog = <CommandAskDialog key={ask.id} ask={ask} more={asks.length - 1 + mcpAsks.length} />;
  else if (mcpAsk) dialog = <McpToolAskDialog key={mcpAsk.id} ask={mcpAsk} more={mcpAsks.length - 1} />;
  else if ((state.decision === 'undecided' && !firstOpenDismissed) || dialogRequested) dialog = <FirstOpenDialog state={state} />;
  else if (trusted && pending[0]) dialog = <ApprovalDialog key={pending[0].file + pending[0].content.length} pending={pending[0]} more={pending.length - 1} />;

  return (
    <>
      {!trusted && (
        <button
          className="status-item status-button warning"
          data-testid="status-trust"
          data-decision={state.decision}
          title="Hooks, MCP servers and agent shell commands are off in this folder. Click to trust it."
          onClick={() => useTrust.getState().set({ dialogRequested: true })}
        >
          <Icon name="warning" size={14} />
          Restricted Mode
        </button>
      )}
      {trusted && state.pending.length > 0 && (
        <button
          className="status-item status-button warning"
          data-testid="status-approvals"
          title={`Waiting for your approval (they do not run until then): ${state.pending.map((p) => p.file).join(', ')}`}
          onClick={() => useTrust.getState().set({ approvalsDeferred: [] })}
        >
          <Icon name="warning" size={14} />
          {state.pending.length} to approve
        </button>
      )}
      {dialog && createPortal(dialog, document.body)}
    </>
  );
}
