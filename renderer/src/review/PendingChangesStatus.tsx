import { useEffect, useState } from 'react';
import { getServices } from '../app/services';
import { useNotifications } from '../state/notifications';
import { useWorkspace } from '../state/workspace';
import { Icon } from '../workbench/icons';
import { showChanges } from './showChanges';

/** Saved reviews that could not be read: said once per page, not on every count. */
const told = new Set<string>();
function tellOnce(problem: string): void {
  if (told.has(problem)) return;
  told.add(problem);
  useNotifications.getState().show('error', problem);
}

/**
 * Status bar: "N changes to review" while agent changes wait (including ones left pending when Keel stopped);
 * a click opens them (Review: Show Changes). Hidden when nothing waits.
 */
export function PendingChangesStatus() {
  const root = useWorkspace((s) => s.root);
  const [pending, setPending] = useState(0);

  useEffect(() => {
    if (!root) return;
    const { client } = getServices();
    let live = true;
    const count = () =>
      client.request('changes/list', {}).then(
        ({ reviews, problems }) => {
          for (const problem of problems) tellOnce(problem);
          if (live) setPending(reviews.filter((r) => r.status === 'pending').length);
        },
        () => live && setPending(0),
      );
    void count();
    const off = client.on('changes/updated', () => void count());
    return () => {
      live = false;
      off();
    };
  }, [root]);

  if (pending === 0) return null;
  return (
    <button
      className="status-item status-button"
      data-testid="status-pending-changes"
      title="Agent changes waiting for review — click to review"
      onClick={() => void showChanges(getServices())}
    >
      <Icon name="compare" size={14} />
      {pending} {pending === 1 ? 'change' : 'changes'} to review
    </button>
  );
}
