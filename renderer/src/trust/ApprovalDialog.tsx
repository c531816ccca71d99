import { useState } from 'react';
import type { PendingApproval } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { DiffView } from './DiffView';
import { Modal } from './Modal';
import { deferKey, useTrust } from './trustStore';

/**
 * A hook file or mcp.json changed (or appeared) after the folder was trusted: it stays off until the user has
 * seen what changed and approves exactly that text.
 */
export function ApprovalDialog({ pending, more }: { pending: PendingApproval; more: number }) {
  const [busy, setBusy] = useState(false);
  const isMcp = pending.file.endsWith('mcp.json');
  const title = pending.state === 'new' ? `New ${isMcp ? 'MCP configuration' : 'hook'}: ${pending.file}` : `${pending.file} changed since you approved it`;
  const approve = () => {
    setBusy(true);
    getServices()
      .client.request('trust/approveFile', { file: pending.file, content: pending.content })
      .then((state) => useTrust.getState().set({ state }))
      .catch((err) => notifyError(`Could not approve ${pending.file}`, err))
      .finally(() => setBusy(false));
  };
  const later = () => useTrust.getState().set({ approvalsDeferred: [...useTrust.getState().approvalsDeferred, deferKey(pending.file, pending.content)] });
  return (
    <Modal title={title} testId="approval-dialog" wide onDismiss={later}>
      <p className="trust-lead">
        {isMcp
          ? 'Its MCP servers stay stopped until you approve this version.'
          : 'This hook does not run until you approve this version.'}{' '}
        Changes can come from a git pull, another program or the agent — check what it would run.
      </p>
      <DiffView {...(pending.diff !== undefined ? { diff: pending.diff } : { text: pending.content })} />
      <div className="dialog-buttons">
        {more > 0 && <span className="trust-more">{more} more to review</span>}
        <button className="button secondary" disabled={busy} data-testid="approval-later" onClick={later}>
          Not Now
        </button>
        <button className="button primary" disabled={busy} data-testid="approval-approve" onClick={approve}>
          Approve
        </button>
      </div>
    </Modal>
  );
}
