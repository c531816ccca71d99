import { openFile } from '../../app/actions';
import { useConnection } from '../../state/connection';
import { useDialog } from '../../state/dialog';
import type { LinkTarget } from './resolveLink';

/**
 * Follows a link from rendered Markdown without ever navigating Keel's own window. A workspace file opens in an
 * editor tab. A web link asks first, showing the full URL: in the browser host it then opens in a new tab with no
 * handle back to Keel (`noopener,noreferrer`); in Electron `window.open` reaches the main process's window-open
 * handler, whose own confirmation (the full URL, Open / Cancel) is the one question, before `shell.openExternal`.
 * Anchors are the surface's job (they scroll inside it); blocked links do nothing.
 */
export async function followLink(target: LinkTarget): Promise<void> {
  if (target.kind === 'file') {
    openFile(target.path);
    return;
  }
  if (target.kind !== 'external') return;
  if (useConnection.getState().host === 'electron') {
    window.open(target.url);
    return;
  }
  const choice = await useDialog.getState().ask({
    title: `Open ${target.url} in your browser?`,
    detail: 'The link comes from a file or the agent, not from Keel. Check the address before you open it.',
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'open', label: 'Open', primary: true },
    ],
  });
  if (choice === 'open') window.open(target.url, '_blank', 'noopener,noreferrer');
}
