import { create } from 'zustand';
import type { Client, FileChange, SpecSummary } from '../../../protocol';

export interface SpecsState {
  specs: SpecSummary[];
  loaded: boolean;
  error: string | null;
  set(patch: Partial<Pick<SpecsState, 'specs' | 'loaded' | 'error'>>): void;
}

export const useSpecs = create<SpecsState>()((set) => ({
  specs: [],
  loaded: false,
  error: null,
  set: (patch) => set(patch),
}));

/** Only changes under a `.kiro/specs/` folder (or the folder itself going away) can change the list. */
export function touchesSpecs(changes: readonly FileChange[]): boolean {
  return changes.some((c) => /(^|\/)\.kiro(\/specs(\/|$)|$)/.test(c.path));
}

let reload: (() => Promise<void>) | null = null;

/**
 * Loads the list and keeps it live from `workspace/changed`; returns the (shared) reload. Reloads are coalesced:
 * one in flight at a time and at most one queued, so a burst of saves (or a git checkout) costs two requests, not one
 * per file — also when the Refresh button is pressed meanwhile.
 */
export function startSpecsList(client: Client): () => Promise<void> {
  if (reload) return reload;
  let inFlight: Promise<void> | null = null;
  let queued = false;
  const load = async (): Promise<void> => {
    try {
      const { specs } = await client.request('spec/list', {});
      useSpecs.getState().set({ specs, loaded: true, error: null });
    } catch (err) {
      useSpecs.getState().set({ loaded: true, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const run = (): Promise<void> => {
    if (inFlight) {
      queued = true;
      return inFlight;
    }
    inFlight = load().finally(() => {
      inFlight = null;
      if (queued) {
        queued = false;
        void run();
      }
    });
    return inFlight;
  };
  reload = run;
  client.on('workspace/changed', ({ changes }) => {
    if (touchesSpecs(changes)) void run();
  });
  void run();
  return run;
}
