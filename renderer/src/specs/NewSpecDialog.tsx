import { useEffect } from 'react';
import { getServices } from '../app/services';
import { Modal } from '../trust/Modal';
import { NewSpecForm } from './NewSpecForm';
import { startSpecsList, useSpecs } from './specsStore';

/** "Keel: New Spec from Prompt…": the New Spec form in a dialog, with the description required. */
export function NewSpecDialog({ onDone }: { onDone: () => void }) {
  const specs = useSpecs((s) => s.specs);
  useEffect(() => void startSpecsList(getServices().client), []);
  return (
    <Modal title="New Spec from Prompt" testId="new-spec-dialog" onDismiss={onDone}>
      <div className="new-spec-dialog">
        <NewSpecForm existing={specs} onDone={onDone} promptRequired />
      </div>
    </Modal>
  );
}
