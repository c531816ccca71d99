import { create } from 'zustand';
import type { Client } from '../../../protocol/client';
import type { SpecWriterPhase, SpecWriterState } from '../../../protocol';
import { useConnection } from '../state/connection';

export interface SpecWriterStore {
  /** Specs the planner is writing or wrote, by spec folder. */
  states: Record<string, SpecWriterState>;
  /** The newest streamed text of each document being written, by path (dropped when its phase ends). */
  texts: Record<string, string>;
  /** The New Spec from Prompt dialog is open. */
  dialogOpen: boolean;
  /** Spec folders whose finished phase bar the user closed (this window only). */
  dismissed: Record<string, true>;
  setDialog(open: boolean): void;
  dismiss(dir: string): void;
}

export const useSpecWriter = create<SpecWriterStore>()((set, get) => ({
  states: {},
  texts: {},
  dialogOpen: false,
  dismissed: {},
  setDialog: (dialogOpen) => set({ dialogOpen }),
  dismiss: (dir) => set({ dismissed: { ...get().dismissed, [dir]: true } }),
}));

export function applyState(state: SpecWriterState): void {
  useSpecWriter.setState((s) => {
    const texts = { ...s.texts };
    const writing = writingPhase(state);
    for (const p of state.phases) if (p !== writing) delete texts[p.path];
    return { states: { ...s.states, [state.dir]: state }, texts };
  });
}

export function applyText(path: string, text: string): void {
  useSpecWriter.setState((s) => ({ texts: { ...s.texts, [path]: text } }));
}

export const currentOf = (state: SpecWriterState): SpecWriterPhase | undefined => state.phases[state.current];

export function writingPhase(state: SpecWriterState): SpecWriterPhase | undefined {
  const p = currentOf(state);
  return p?.status === 'writing' ? p : undefined;
}

/** Follows the spec writer's events, and reloads its states on start and after a reconnect (events may be missed). */
export function connectSpecWriter(client: Client): () => void {
  const load = () =>
    void client.request('specwriter/list', {}).then(
      ({ states }) => states.forEach(applyState),
      () => undefined,
    );
  const offs = [
    client.on('specwriter/changed', applyState),
    client.on('specwriter/text', ({ dir, path, text }) => {
      // A text that arrives after its phase ended (or for a spec not known yet) is still the newest text.
      if (!useSpecWriter.getState().states[dir] || writingPhase(useSpecWriter.getState().states[dir]!)?.path === path) applyText(path, text);
    }),
    useConnection.subscribe((s, prev) => {
      if (s.status === 'connected' && prev.status !== 'connected') load();
    }),
  ];
  load();
  return () => offs.forEach((off) => off());
}
