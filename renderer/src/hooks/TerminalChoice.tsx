import { useEffect, useState } from 'react';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { useHooks } from './hooksStore';

/**
 * "Run in a visible terminal" for a runCommand hook: a Keel setting on this machine (kept in the user data dir, not
 * in the hook file, which stays Kiro's format). It applies at once — no Save — from the hook's next run on.
 */
export function TerminalChoice({ hookId }: { hookId: string | null }) {
  const inTerminal = useHooks((s) => s.hooks?.hooks.find((h) => h.id === hookId)?.inTerminal);
  // The box shows the user's click at once; the host's hooks/changed confirms it (or an error puts it back).
  const [wanted, setWanted] = useState<boolean | null>(null);
  useEffect(() => {
    if (wanted !== null && inTerminal === wanted) setWanted(null);
  }, [inTerminal, wanted]);
  if (hookId === null) {
    return <div className="field-hint">Once the hook is created you can choose to run it in a visible terminal.</div>;
  }
  if (inTerminal === undefined) return null; // not a runCommand hook on disk (yet), or no terminals here
  const toggle = (next: boolean) => {
    setWanted(next);
    getServices()
      .client.request('hooks/setTerminal', { id: hookId, inTerminal: next })
      .catch((err) => {
        setWanted(null);
        notifyError('Could not change where the hook runs', err);
      });
  };
  return (
    <label className="hook-terminal-choice">
      <input type="checkbox" checked={wanted ?? inTerminal} data-testid="hook-in-terminal" onChange={(e) => toggle(e.target.checked)} />
      Run in a visible terminal
      <span className="hooks-muted"> — a tab in the Terminal panel you can watch and type into; applies from the next run, on this machine only</span>
    </label>
  );
}
