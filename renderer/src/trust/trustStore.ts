import { create } from 'zustand';
import type { Client, CommandAsk, McpToolAsk, TrustState } from '../../../protocol';
import { useConnection } from '../state/connection';

interface TrustStore {
  state: TrustState | null;
  /** Commands waiting for the user's answer, oldest first. */
  asks: CommandAsk[];
  /** MCP tool calls waiting for the user's answer, oldest first. */
  mcpAsks: McpToolAsk[];
  /** The first-open question was dismissed (Escape) in this page: asked again on the next open. */
  firstOpenDismissed: boolean;
  /** Pending approvals put aside ("Not now") in this page, by file and content. */
  approvalsDeferred: string[];
  /** The trust dialog was asked for (status bar click) although a decision exists. */
  dialogRequested: boolean;
  set(patch: Partial<Omit<TrustStore, 'set'>>): void;
}

export const useTrust = create<TrustStore>()((set) => ({
  state: null,
  asks: [],
  mcpAsks: [],
  firstOpenDismissed: false,
  approvalsDeferred: [],
  dialogRequested: false,
  set: (patch) => set(patch),
}));

export const deferKey = (file: string, content: string): string => `${file}\u0000${content}`;

let started: Client | null = null;

/** Reads the trust state and the waiting commands, and keeps both live (also across a reconnect). */
export function startTrust(client: Client): void {
  if (started === client) return;
  started = client;
  const load = () => {
    client.request('trust/state', {}).then(
      (state) => useTrust.getState().set({ state }),
      () => undefined,
    );
    client.request('trust/commandAsks', {}).then(
      ({ asks }) => useTrust.getState().set({ asks }),
      () => undefined,
    );
    client.request('mcp/toolAsks', {}).then(
      ({ asks }) => useTrust.getState().set({ mcpAsks: asks }),
      () => undefined,
    );
  };
  client.on('trust/changed', (state) => useTrust.getState().set({ state }));
  client.on('trust/commandAsk', (ask) => {
    const { asks } = useTrust.getState();
    if (!asks.some((a) => a.id === ask.id)) useTrust.getState().set({ asks: [...asks, ask] });
  });
  client.on('trust/commandAskClosed', ({ id }) => useTrust.getState().set({ asks: useTrust.getState().asks.filter((a) => a.id !== id) }));
  client.on('mcp/toolAsk', (ask) => {
    const { mcpAsks } = useTrust.getState();
    if (!mcpAsks.some((a) => a.id === ask.id)) useTrust.getState().set({ mcpAsks: [...mcpAsks, ask] });
  });
  client.on('mcp/toolAskClosed', ({ id }) => useTrust.getState().set({ mcpAsks: useTrust.getState().mcpAsks.filter((a) => a.id !== id) }));
  useConnection.subscribe((s, prev) => {
    if (s.status === 'connected' && prev.status !== 'connected') load();
  });
  load();
}

export async function decideTrust(client: Client, decision: 'trusted' | 'restricted'): Promise<void> {
  const state = await client.request('trust/decide', { decision });
  useTrust.getState().set({ state, dialogRequested: false });
}
