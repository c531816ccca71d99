import { RequestError } from '../../../protocol/error-codes';
import type { SpecWriterPhase, SpecWriterState } from '../../../protocol';
import { getServices } from '../app/services';
import { useDialog } from '../state/dialog';
import { useDocuments } from '../state/documents';
import { notifyError } from '../state/notifications';
import { applyState } from './specWriterStore';

export const PHASE_LABELS: Record<SpecWriterPhase['kind'], string> = { requirements: 'Requirements', bugfix: 'Bug Analysis', design: 'Design', tasks: 'Tasks' };

/** Unsaved edits of the phase's document are saved first: what the user approves or refines is what they see. */
async function saveFirst(path: string): Promise<boolean> {
  if (!useDocuments.getState().docs[path]?.dirty) return true;
  const saved = await getServices().documents.save(path);
  if (!saved) notifyError(`Could not save ${path}`, new Error('resolve the conflict or the error shown in the editor first'));
  return saved;
}

/** Runs a request; a CONFLICT answer is a question for the user (approve with errors, replace an edited document). */
async function withConfirm(
  run: (confirmed: boolean) => Promise<SpecWriterState>,
  ask: { title: string; confirm: string },
  failure: string,
): Promise<boolean> {
  try {
    applyState(await run(false));
    return true;
  } catch (err) {
    if (!(err instanceof RequestError && err.code === 'CONFLICT')) {
      notifyError(failure, err);
      return false;
    }
    const answer = await useDialog.getState().ask({ title: ask.title, detail: err.message, buttons: [{ id: 'go', label: ask.confirm, primary: true }, { id: 'cancel', label: 'Cancel' }] });
    if (answer !== 'go') return false;
    try {
      applyState(await run(true));
      return true;
    } catch (again) {
      notifyError(failure, again);
      return false;
    }
  }
}

export async function approvePhase(state: SpecWriterState, phase: SpecWriterPhase): Promise<boolean> {
  if (!(await saveFirst(phase.path))) return false;
  const { client } = getServices();
  return withConfirm((force) => client.request('specwriter/approve', { dir: state.dir, force }), { title: `Approve the ${PHASE_LABELS[phase.kind].toLowerCase()}?`, confirm: 'Approve Anyway' }, 'Could not approve');
}

export async function refinePhase(state: SpecWriterState, phase: SpecWriterPhase, feedback: string): Promise<boolean> {
  const ask = { title: `Rewrite your edited ${PHASE_LABELS[phase.kind].toLowerCase()}?`, confirm: 'Refine Anyway' };
  // Edited here (unsaved) or on disk: ask before anything is saved or sent, so Cancel leaves everything as it was.
  let confirmed = false;
  if (useDocuments.getState().docs[phase.path]?.dirty || phase.edited) {
    const detail = `You edited ${phase.path} since the planner wrote it. The planner rewrites it from your version and your feedback, and your text is replaced (Undo in the editor brings it back).`;
    if ((await useDialog.getState().ask({ title: ask.title, detail, buttons: [{ id: 'go', label: ask.confirm, primary: true }, { id: 'cancel', label: 'Cancel' }] })) !== 'go') return false;
    confirmed = true;
  }
  if (!(await saveFirst(phase.path))) return false;
  const { client } = getServices();
  return withConfirm((overwriteEdited) => client.request('specwriter/refine', { dir: state.dir, feedback, overwriteEdited: confirmed || overwriteEdited }), ask, 'Could not refine');
}

export async function stopPhase(state: SpecWriterState): Promise<void> {
  try {
    applyState(await getServices().client.request('specwriter/stop', { dir: state.dir }));
  } catch (err) {
    notifyError('Could not stop the planner', err);
  }
}
