import { useState } from 'react';
import type { HookInfo } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { DiffView } from '../trust/DiffView';
import { Modal } from '../trust/Modal';

interface Upgraded {
  old: string;
  file: string;
  diff: string;
}

/**
 * Kiro 1.0's "Upgrade" of a 0.x hook: the v1 file is written first (the user authored it here, so it stays
 * approved), then the diff is shown and the old file is removed only when the user confirms — until then both exist.
 */
export function UpgradeButton({ hook }: { hook: HookInfo }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Upgraded | null>(null);
  const { client } = getServices();
  const upgrade = async () => {
    setBusy(true);
    try {
      const preview = await client.request('hooks/upgradePreview', { id: hook.id });
      await client.request('hooks/save', { id: preview.file, content: preview.content, create: true });
      setDone({ old: hook.id, file: preview.file, diff: preview.diff });
    } catch (err) {
      notifyError(`Could not upgrade ${hook.name}`, err);
    } finally {
      setBusy(false);
    }
  };
  const removeOld = (u: Upgraded) => {
    client.request('hooks/delete', { id: u.old }).then(
      () => setDone(null),
      (err: unknown) => notifyError(`Could not remove ${u.old}`, err),
    );
  };
  return (
    <>
      <button className="button secondary hook-upgrade" disabled={busy} title="Write this hook in Kiro 1.0's format (a new .json file)" data-testid="hook-upgrade" onClick={() => void upgrade()}>
        Upgrade
      </button>
      {done && (
        <Modal title={`Upgraded to ${done.file}`} testId="hook-upgrade-dialog" wide onDismiss={() => setDone(null)}>
          <p className="trust-lead">
            The hook now also lives in Kiro 1.0&apos;s format. Remove the old file so it does not run twice? Until you do, both run.
          </p>
          <DiffView diff={done.diff} />
          <div className="dialog-buttons">
            <button className="button secondary" data-testid="hook-upgrade-keep" onClick={() => setDone(null)}>
              Keep Both
            </button>
            <button className="button primary" data-autofocus data-testid="hook-upgrade-remove" onClick={() => removeOld(done)}>
              Remove {done.old.split('/').pop()}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
