import { create } from 'zustand';
import type { Client, SteeringFileInfo } from '../../../protocol';
import { touchesSteering } from './steeringModel';

export interface SteeringState {
  files: SteeringFileInfo[];
  userDir: string;
  loaded: boolean;
  error: string | null;
  /** `source:path` of the file whose inclusion editor is open. */
  selected: string | null;
  /** Bumped on every reload, so views that derive from the files (Applies to) refresh too. */
  revision: number;
  set(patch: Partial<Omit<SteeringState, 'set'>>): void;
}

export const useSteering = create<SteeringState>()((set) => ({
  files: [],
  userDir: '~/.kiro/steering',
  loaded: false,
  error: null,
  selected: null,
  revision: 0,
  set: (patch) => set(patch),
}));

let reloadFn: (() => Promise<void>) | null = null;

/**
 * Loads the list and keeps it live from `workspace/changed` (user-level files have no watcher: Refresh reloads
 * them). One request in flight, at most one queued, so a burst of changes costs two requests.
 */
export function startSteeringList(client: Client): () => Promise<void> {
  if (reloadFn) return reloadFn;
  let inFlight: Promise<void> | null = null;
  let queued = false;
  const load = async (): Promise<void> => {
    try {
      const { files, userDir } = await client.request('steering/list', {});
      const s = useSteering.getState();
      s.set({ files, userDir, loaded: true, error: null, revision: s.revision + 1 });
    } catch (err) {
      useSteering.getState().set({ loaded: true, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const reload = (): Promise<void> => {
    if (inFlight) {
      queued = true;
      return inFlight;
    }
    inFlight = load().finally(() => {
      inFlight = null;
      if (queued) {
        queued = false;
        void reload();
      }
    });
    return inFlight;
  };
  client.on('workspace/changed', ({ changes }) => {
    if (touchesSteering(changes)) void reload();
  });
  reloadFn = reload;
  void reload();
  return reload;
}
