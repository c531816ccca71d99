import { create } from 'zustand';
import type { Client, HookRunInfo, HooksState, McpState } from '../../../protocol';
import { useConnection } from '../state/connection';

/** The run log keeps this many runs in the page (the host keeps 500). */
const MAX_RUNS = 200;

interface HooksStore {
  hooks: HooksState | null;
  /** Newest first. */
  runs: HookRunInfo[];
  mcp: McpState | null;
  error: string | null;
  set(patch: Partial<Omit<HooksStore, 'set'>>): void;
}

export const useHooks = create<HooksStore>()((set) => ({
  hooks: null,
  runs: [],
  mcp: null,
  error: null,
  set: (patch) => set(patch),
}));

/** Puts a run update in place (or on top when new). */
export function mergeRun(runs: readonly HookRunInfo[], run: HookRunInfo): HookRunInfo[] {
  const at = runs.findIndex((r) => r.id === run.id);
  if (at >= 0) return runs.map((r, i) => (i === at ? run : r));
  return [run, ...runs].slice(0, MAX_RUNS);
}

let started: Client | null = null;

/** Loads hooks, run log and MCP status once, then keeps them live from the host's events. */
export function startHooks(client: Client): void {
  if (started === client) return;
  started = client;
  const fail = (err: unknown) => useHooks.getState().set({ error: err instanceof Error ? err.message : String(err) });
  const load = () => {
    client.request('hooks/list', {}).then((hooks) => useHooks.getState().set({ hooks, error: null }), fail);
    client.request('hooks/runs', {}).then(({ runs }) => useHooks.getState().set({ runs: [...runs].reverse().slice(0, MAX_RUNS) }), fail);
    client.request('mcp/status', {}).then((mcp) => useHooks.getState().set({ mcp }), fail);
  };
  client.on('hooks/changed', (hooks) => useHooks.getState().set({ hooks }));
  client.on('hooks/run', (run) => useHooks.getState().set({ runs: mergeRun(useHooks.getState().runs, run) }));
  client.on('mcp/changed', (mcp) => useHooks.getState().set({ mcp }));
  useConnection.subscribe((s, prev) => {
    if (s.status === 'connected' && prev.status !== 'connected') load();
  });
  load();
}
