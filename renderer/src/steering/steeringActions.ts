import type { SteeringFileInfo } from '../../../protocol';
import { openFile } from '../app/actions';
import { getServices } from '../app/services';
import { notifyError, useNotifications } from '../state/notifications';
import { type InclusionDraft, inclusionRequest } from './steeringModel';
import { startSteeringList, useSteering } from './steeringStore';

/** Workspace steering and AGENTS.md open in the normal editor; user-level files live outside the workspace. */
export function canOpen(file: SteeringFileInfo): boolean {
  return file.source !== 'user';
}

export function openSteeringFile(file: SteeringFileInfo): void {
  if (canOpen(file)) openFile(file.path);
}

/** Writes the draft; resolves to an error message to show inline, or null when saved. */
export async function saveInclusion(file: SteeringFileInfo, draft: InclusionDraft): Promise<string | null> {
  try {
    await getServices().client.request('steering/setInclusion', inclusionRequest(file, draft));
    await startSteeringList(getServices().client)();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export async function createDefaults(): Promise<void> {
  try {
    const { created, existing } = await getServices().client.request('steering/createDefaults', {});
    await startSteeringList(getServices().client)();
    const first = created[0];
    if (first) useSteering.getState().set({ selected: `workspace:${first}` });
    const notes = useNotifications.getState();
    if (!created.length) notes.show('info', 'product.md, tech.md and structure.md already exist; nothing was changed.');
    else if (existing.length) notes.show('info', `Created ${created.map(base).join(', ')}; kept your ${existing.map(base).join(', ')}.`);
  } catch (err) {
    notifyError('Could not create the default steering files', err);
  }
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
