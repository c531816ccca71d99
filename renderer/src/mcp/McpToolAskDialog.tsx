import { useState } from 'react';
import type { McpToolAnswer, McpToolAsk } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { Modal } from '../trust/Modal';
import { CommandText } from '../widgets/command/CommandText';

/**
 * The agent wants to call an MCP tool that is not auto-approved: Allow (this call) / Always Allow (this tool of this
 * server in this folder, until revoked in the MCP server list) / Reject. Escape rejects.
 */
export function McpToolAskDialog({ ask, more }: { ask: McpToolAsk; more: number }) {
  const [busy, setBusy] = useState(false);
  const answer = (a: McpToolAnswer) => {
    setBusy(true);
    getServices()
      .client.request('mcp/answerTool', { id: ask.id, answer: a })
      .catch((err) => notifyError('Could not answer the tool call', err))
      .finally(() => setBusy(false));
  };
  const empty = ask.args.trim() === '{}';
  return (
    <Modal title="The agent wants to use an MCP tool" testId="mcp-tool-ask" wide onDismiss={() => answer('reject')}>
      <p className="trust-lead mcp-ask-lead">
        <code data-testid="mcp-ask-tool">{ask.tool}</code> from the MCP server <code data-testid="mcp-ask-server">{ask.server}</code>
      </p>
      {ask.description && <div className="trust-meta">{ask.description}</div>}
      <div className="mcp-ask-label">{empty ? 'No arguments' : 'Arguments'}</div>
      {!empty && (
        <CommandText command={ask.args} testId="mcp-ask-args" className="mcp-ask-args" />
      )}
      <div className="trust-meta">The server runs the tool with these arguments; what it answers goes to the agent.</div>
      <div className="dialog-buttons">
        {more > 0 && <span className="trust-more">{more} more waiting</span>}
        <button className="button secondary" disabled={busy} data-testid="mcp-ask-reject" onClick={() => answer('reject')}>
          Reject
        </button>
        <button
          className="button secondary"
          disabled={busy}
          data-testid="mcp-ask-always"
          title={`From now on ${ask.tool} of ${ask.server} runs without asking in this folder (revoke it in the MCP server list)`}
          onClick={() => answer('always')}
        >
          Always Allow <code>{ask.tool}</code>
        </button>
        <button className="button primary" disabled={busy} data-testid="mcp-ask-allow" data-autofocus onClick={() => answer('allow')}>
          Allow
        </button>
      </div>
    </Modal>
  );
}
