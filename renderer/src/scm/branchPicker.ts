import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { notifyError } from '../state/notifications';
import { useQuickInput } from '../state/quickInput';
import { refreshLog, refreshStatus } from './scmController';
import { useScm } from './scmStore';

/** VS Code's "Git: Checkout to…": create a branch, or pick a local or remote one (newest commits first). */
export async function showBranchPicker(): Promise<void> {
  let branches;
  try {
    ({ branches } = await getServices().client.request('git/branches', {}));
  } catch (err) {
    notifyError('Could not list branches', err);
    return;
  }
  const items = [
    { label: '+ Create new branch…', run: () => startCreateBranch() },
    ...branches
      .filter((b) => !b.current)
      .map((b) => ({
        label: b.name,
        description: `${b.remote ? 'Remote branch' : 'Branch'} at ${b.commit}${b.subject ? ` — ${b.subject}` : ''}`,
        run: () => void checkout(b.name),
      })),
  ];
  const current = branches.find((b) => b.current);
  useQuickInput.getState().showPick({ placeholder: `Select a branch to switch to${current ? ` (now on ${current.name})` : ''}`, items });
}

/** Opens the branch-name box in the Source Control view. */
export function startCreateBranch(): void {
  useLayout.getState().showSideView('scm');
  useScm.getState().set({ creatingBranch: true });
}

export async function checkout(name: string): Promise<void> {
  try {
    await getServices().client.request('git/checkout', { name });
  } catch (err) {
    notifyError(`Could not switch to ${name}`, err);
  }
  await refreshStatus();
  if (!useScm.getState().collapsed.log) await refreshLog();
}

export async function createBranch(name: string): Promise<void> {
  useScm.getState().set({ creatingBranch: false });
  try {
    await getServices().client.request('git/createBranch', { name });
  } catch (err) {
    notifyError(`Could not create branch ${name}`, err);
  }
  await refreshStatus();
}
