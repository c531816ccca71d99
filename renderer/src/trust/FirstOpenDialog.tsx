import { useState } from 'react';
import type { TrustState } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { Modal } from './Modal';
import { decideTrust, useTrust } from './trustStore';

/** Asked on the first open of a folder (and from the status bar): trust it, or keep it in restricted mode. */
export function FirstOpenDialog({ state }: { state: TrustState }) {
  const [busy, setBusy] = useState(false);
  const decide = (decision: 'trusted' | 'restricted') => {
    setBusy(true);
    decideTrust(getServices().client, decision)
      .catch((err) => notifyError('Could not save the trust decision', err))
      .finally(() => setBusy(false));
  };
  const hooks = state.guardedFiles.filter((f) => f.startsWith('.kiro/hooks/'));
  const mcp = state.guardedFiles.includes('.kiro/settings/mcp.json');
  const name = state.root.split(/[\\/]/).filter(Boolean).pop() ?? state.root;
  return (
    <Modal title={`Do you trust the authors of the files in “${name}”?`} testId="trust-dialog" wide onDismiss={() => useTrust.getState().set({ firstOpenDismissed: true, dialogRequested: false })}>
      <p className="trust-lead">
        Keel can run code from this folder: hooks run commands on file events, MCP servers start programs, and the agent runs shell commands.
      </p>
      {(hooks.length > 0 || mcp) && (
        <div className="trust-found" data-testid="trust-found">
          This folder brings{' '}
          {hooks.length > 0 && (
            <>
              {hooks.length} {hooks.length === 1 ? 'hook' : 'hooks'} (<code>{hooks.map((h) => h.slice('.kiro/hooks/'.length)).join(', ')}</code>)
            </>
          )}
          {hooks.length > 0 && mcp && ' and '}
          {mcp && (
            <>
              MCP servers (<code>.kiro/settings/mcp.json</code>)
            </>
          )}
          .
        </div>
      )}
      <div className="trust-choices">
        <div className="trust-choice">
          <div className="trust-choice-title">Trust</div>
          <ul>
            <li>Hooks run on their events</li>
            <li>MCP servers start</li>
            <li>The agent runs read-only commands unasked and asks before others</li>
            <li>A hook file or mcp.json that changes later asks again, with its diff</li>
          </ul>
        </div>
        <div className="trust-choice">
          <div className="trust-choice-title">Restricted mode</div>
          <ul>
            <li>Read, edit and search files, use the terminal</li>
            <li>No hooks run, no MCP servers start</li>
            <li>The agent may not run shell commands</li>
            <li>Trust the folder later from the status bar</li>
          </ul>
        </div>
      </div>
      {state.problem && <div className="trust-problem">{state.problem}</div>}
      <div className="dialog-buttons">
        <button className="button secondary" disabled={busy} data-testid="trust-restricted" onClick={() => decide('restricted')}>
          Stay in Restricted Mode
        </button>
        <button className="button primary" disabled={busy} data-testid="trust-trust" onClick={() => decide('trusted')}>
          Trust Folder
        </button>
      </div>
    </Modal>
  );
}
