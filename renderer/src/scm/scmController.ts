/**
 * Talks to the git service: keeps the store's status current (refetched when `git/changed` says it moved, one
 * request at a time, never piling up) and runs the user's actions with their confirmations and errors.
 */
import { RequestError } from '../../../protocol/error-codes';
import type { GitDiffSide } from '../../../protocol';
import { getServices } from '../app/services';
import { useDialog } from '../state/dialog';
import { notifyError, useNotifications } from '../state/notifications';
import { useScm } from './scmStore';

let fetching: Promise<void> | undefined;
let again = false;
let started = false;

/** Fetches the full status now (or once more after the fetch in flight). */
export function refreshStatus(): Promise<void> {
  if (fetching) {
    again = true;
    return fetching;
  }
  fetching = (async () => {
    try {
      do {
        again = false;
        const status = await getServices().client.request('git/status', {});
        useScm.getState().set({ status, summary: status, error: undefined });
      } while (again);
    } catch (err) {
      useScm.getState().set({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      fetching = undefined;
    }
  })();
  return fetching;
}

/** Subscribes once to `git/changed` and loads the first status (the status bar needs it even with the view hidden). */
export function startScm(): void {
  if (started) return;
  started = true;
  const { client } = getServices();
  client.on('git/changed', (summary) => {
    const current = useScm.getState().status;
    useScm.getState().set({ summary });
    if (!current || current.version !== summary.version) void refreshStatus();
    if (!useScm.getState().collapsed.log) void refreshLog();
  });
  // A new folder was opened in this window: everything about the old repository is stale.
  client.on('app/workspaceClosing', () => useScm.getState().set({ status: undefined, summary: undefined, log: [] }));
  void refreshStatus();
}

export async function refreshLog(): Promise<void> {
  try {
    const { commits } = await getServices().client.request('git/log', { limit: 50 });
    useScm.getState().set({ log: commits });
  } catch {
    useScm.getState().set({ log: [] }); // outside a repository: no commits to list
  }
}

/** Runs an operation with the busy indicator; failures become a notification, and the status is re-read. */
async function operation<T>(label: string, run: () => Promise<T>): Promise<T | undefined> {
  const { set } = useScm.getState();
  set({ busy: useScm.getState().busy + 1 });
  try {
    return await run();
  } catch (err) {
    notifyError(label, err);
    return undefined;
  } finally {
    useScm.getState().set({ busy: useScm.getState().busy - 1 });
    void refreshStatus();
  }
}

export const stage = (paths: string[]) => operation('Could not stage', () => getServices().client.request('git/stage', { paths }));
export const unstage = (paths: string[]) => operation('Could not unstage', () => getServices().client.request('git/unstage', { paths }));
export const initRepository = () => operation('Could not initialise a repository', () => getServices().client.request('git/init', {}));

/** Discards after asking, as VS Code does; untracked files are deleted, which the question says. */
export async function discard(paths: string[], untracked: number): Promise<void> {
  const what = paths.length === 1 ? `the changes in ${paths[0]}` : `the changes in ${paths.length} files`;
  const detail =
    untracked > 0
      ? `${untracked === paths.length ? 'These files are' : `${untracked} of them are`} untracked and will be DELETED. A copy of every discarded file is kept in Keel's data folder.`
      : "This cannot be undone from the editor. A copy of every discarded file is kept in Keel's data folder.";
  const answer = await useDialog.getState().ask({
    title: `Are you sure you want to discard ${what}?`,
    detail,
    buttons: [
      { id: 'discard', label: paths.length === 1 ? 'Discard File' : 'Discard All', danger: true, primary: true },
      { id: 'cancel', label: 'Cancel' },
    ],
  });
  if (answer !== 'discard') return;
  await operation('Could not discard', () => getServices().client.request('git/discard', { paths }));
}

/**
 * Commits the staged changes with the message box's text. With nothing staged but changes present, offers to
 * stage everything first (VS Code's "smart commit" question).
 */
export async function commit(): Promise<boolean> {
  const { message, status } = useScm.getState();
  if (!message.trim()) {
    useNotifications.getState().show('error', 'Type a commit message first.');
    return false;
  }
  if (status && status.staged.length === 0) {
    if (status.changes.length === 0) {
      useNotifications.getState().show('info', 'There are no changes to commit.');
      return false;
    }
    const answer = await useDialog.getState().ask({
      title: 'There are no staged changes to commit.',
      detail: 'Stage all your changes and commit them directly?',
      buttons: [
        { id: 'all', label: 'Stage All and Commit', primary: true },
        { id: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer !== 'all') return false;
    const staged = await stage(status.changes.map((c) => c.path));
    if (!staged) return false;
  }
  const done = await operation('Commit failed', () => getServices().client.request('git/commit', { message }));
  if (done) {
    useScm.getState().set({ message: '' });
    if (!useScm.getState().collapsed.log) void refreshLog();
  }
  return done !== undefined;
}

export async function stageHunk(path: string, side: GitDiffSide, index: number, id: string): Promise<boolean> {
  const channel = side === 'changes' ? 'git/stageHunk' : 'git/unstageHunk';
  try {
    await getServices().client.request(channel, { path, index, id });
    return true;
  } catch (err) {
    // CONFLICT: the file changed under the diff; the view refetches and the user tries again on the new hunks.
    notifyError(side === 'changes' ? 'Could not stage the hunk' : 'Could not unstage the hunk', err instanceof RequestError && err.code === 'CONFLICT' ? new Error(err.message) : err);
    return false;
  } finally {
    void refreshStatus();
  }
}
