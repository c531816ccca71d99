import type { Client } from '../../../protocol/client';
import type { AgentMode, AgentStreamEvent } from '../../../protocol/agent';
import { FrameQueue, type Scheduler } from './frameQueue';
import { draftKey, emptyDraft, NEW_DRAFT, type ChatStore, type Draft } from './chatStore';
import type { Chip, SessionInfo, SessionView } from './model';
import { applyEvents, emptySession } from './transcript';
import { promptContext, type WorkbenchSnapshot } from './workbenchContext';

const emptyWorkbench = (): WorkbenchSnapshot => ({ openFiles: [], activeFile: null, activeTerminal: null, problems: () => [] });

interface LiveEvent {
  sessionId: string;
  seq: number;
  event: AgentStreamEvent;
  /** When it arrived (tool durations are measured between arrivals, not between per-frame batches). */
  at?: number;
}

const MAX_HELD = 20_000;

type ChatClient = Pick<Client, 'request' | 'on'>;

/**
 * Talks to the agent host for the chat pane: loads open sessions and their histories (reattach after a reload or a
 * reconnect), folds live `agent/event`s in once per animation frame, and runs the user's actions. Live events that
 * arrive while a history is loading are held and applied after it, skipping those the history already holds.
 */
export class ChatController {
  private readonly queue: FrameQueue<LiveEvent>;
  /** Live events for sessions whose history is still loading. */
  private readonly early = new Map<string, LiveEvent[]>();
  private readonly loading = new Set<string>();
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly client: ChatClient,
    readonly store: ChatStore,
    schedule?: Scheduler,
    /** What the user has open when sending (fileMatch steering, the active terminal, the Problems panel). */
    private readonly workbench: () => WorkbenchSnapshot = emptyWorkbench,
  ) {
    this.queue = new FrameQueue((batch) => this.applyLive(batch), schedule);
  }

  /** Subscribes first, then loads, so no event falls between the history and the live stream. */
  async start(): Promise<void> {
    this.disposers.push(
      this.client.on('agent/event', (e) => this.queue.push({ ...e, at: Date.now() })),
      this.client.on('agent/sessions', ({ sessions }) => this.syncSessions(sessions)),
    );
    await this.reload();
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
  }

  /** (Re)loads every open session's history: first open, and after the connection came back. */
  async reload(): Promise<void> {
    try {
      const sessions = await this.client.request('agent/listSessions', {});
      this.store.setState({ saved: sessions, loadError: undefined });
      await Promise.all(sessions.filter((s) => s.open).map((s) => this.loadHistory(s.id)));
      const { tabs, active } = this.store.getState();
      if (active === null || !tabs.includes(active)) this.store.setState({ active: tabs[0] ?? null });
    } catch (err) {
      this.store.setState({ loadError: messageOf(err) });
    } finally {
      this.store.setState({ ready: true });
    }
  }

  private async loadHistory(sessionId: string): Promise<void> {
    this.loading.add(sessionId);
    try {
      const { session, events, lastSeq } = await this.client.request('agent/history', { sessionId });
      const view = { ...applyEvents(emptySession(session), events), lastSeq, busy: session.running };
      this.store.setState((s) => ({
        sessions: { ...s.sessions, [session.id]: view },
        tabs: s.tabs.includes(session.id) ? s.tabs : [...s.tabs, session.id],
      }));
    } finally {
      this.loading.delete(sessionId);
      const held = this.early.get(sessionId) ?? [];
      this.early.delete(sessionId);
      if (held.length > 0) this.applyLive(held);
    }
  }

  private applyLive(batch: LiveEvent[]): void {
    const bySession = new Map<string, { events: AgentStreamEvent[]; times: number[] }>();
    const { sessions } = this.store.getState();
    const next: Record<string, SessionView> = {};
    for (const e of batch) {
      if (this.loading.has(e.sessionId) || !sessions[e.sessionId]) {
        // Not loaded yet (its history is on the way, or the session list has not arrived): hold the event; the
        // history will contain it or it follows the history. Bounded, for sessions this page never loads.
        const held = this.early.get(e.sessionId) ?? [];
        if (held.length < MAX_HELD) this.early.set(e.sessionId, [...held, e]);
        continue;
      }
      const view = next[e.sessionId] ?? sessions[e.sessionId]!;
      if (e.seq <= view.lastSeq) continue;
      next[e.sessionId] = { ...view, lastSeq: e.seq };
      const group = bySession.get(e.sessionId) ?? { events: [], times: [] };
      group.events.push(e.event);
      group.times.push(e.at ?? Date.now());
      bySession.set(e.sessionId, group);
    }
    if (bySession.size === 0) return;
    for (const [id, { events, times }] of bySession) next[id] = applyEvents(next[id]!, events, times);
    this.store.setState((s) => ({ sessions: { ...s.sessions, ...next } }));
  }

  /** The host's session list changed (created, closed, renamed, a turn started/ended — maybe in another window). */
  private syncSessions(list: SessionInfo[]): void {
    const { sessions, tabs, active } = this.store.getState();
    const updated: Record<string, SessionView> = { ...sessions };
    for (const info of list) {
      const view = updated[info.id];
      if (view && !info.open) delete updated[info.id];
      else if (view) updated[info.id] = { ...view, info, modelId: view.modelId || info.modelId };
      else if (info.open && !this.loading.has(info.id)) void this.loadHistory(info.id).catch(() => {});
    }
    // A session closed elsewhere (another window) leaves its tab here too.
    const kept = tabs.filter((id) => updated[id]);
    const nextActive = active !== null && !updated[active] ? (kept[0] ?? null) : active;
    this.store.setState({ saved: list, sessions: updated, tabs: kept, active: nextActive });
  }

  // ---- user actions ----

  select(sessionId: string): void {
    if (this.store.getState().sessions[sessionId]) this.store.setState({ active: sessionId });
  }

  async newSession(mode?: AgentMode): Promise<string> {
    const info = await this.client.request('agent/createSession', { role: 'executor', ...(mode ? { mode } : {}) });
    this.addSession(info);
    return info.id;
  }

  /** Brings a saved session back into a tab (or selects it when it is already open). */
  async openSaved(sessionId: string): Promise<void> {
    if (!this.store.getState().sessions[sessionId]) {
      await this.client.request('agent/openSession', { sessionId });
      await this.loadHistory(sessionId);
    }
    this.select(sessionId);
  }

  async close(sessionId: string): Promise<void> {
    await this.client.request('agent/closeSession', { sessionId });
    this.early.delete(sessionId);
    this.store.setState((s) => {
      const { [sessionId]: _gone, ...sessions } = s.sessions;
      const { [sessionId]: _draft, ...drafts } = s.drafts;
      const at = s.tabs.indexOf(sessionId);
      const tabs = s.tabs.filter((t) => t !== sessionId);
      const active = s.active === sessionId ? (tabs[Math.min(at, tabs.length - 1)] ?? null) : s.active;
      return { sessions, tabs, drafts, active };
    });
  }

  setDraft(draft: Draft): void {
    this.store.setState((s) => ({ drafts: { ...s.drafts, [draftKey(s)]: draft } }));
  }

  draft(): Draft {
    const s = this.store.getState();
    return s.drafts[draftKey(s)] ?? emptyDraft;
  }

  /**
   * Sends the active draft (creating a session when none is open). The draft is cleared only once the host took
   * the prompt; on failure it stays, so nothing the user wrote is lost, and the error is thrown to the caller.
   */
  async send(mode?: AgentMode, customAgent?: string): Promise<void> {
    const state = this.store.getState();
    if (state.sending) return;
    const key = draftKey(state);
    const draft = state.drafts[key] ?? emptyDraft;
    const text = draft.text.trim();
    if (!text) return;
    this.store.setState({ sending: true });
    try {
      let sessionId = state.active;
      if (sessionId === null) {
        sessionId = await this.newSession(mode);
        if (customAgent) await this.setCustomAgent(sessionId, customAgent);
        // The new session takes over the draft written before it existed.
        this.store.setState((s) => ({ drafts: { ...s.drafts, [sessionId!]: draft, [NEW_DRAFT]: emptyDraft } }));
      }
      const { chips, workbench } = promptContext(draft.chips, this.workbench());
      await this.client.request('agent/prompt', { sessionId, text, chips: chips.map(toWireChip), workbench });
      this.store.setState((s) => ({ drafts: { ...s.drafts, [sessionId!]: emptyDraft } }));
    } finally {
      this.store.setState({ sending: false });
    }
  }

  async stop(sessionId: string): Promise<void> {
    await this.client.request('agent/stop', { sessionId });
  }

  async setMode(sessionId: string, mode: AgentMode): Promise<void> {
    const info = await this.client.request('agent/setMode', { sessionId, mode });
    this.store.setState((s) => {
      const view = s.sessions[sessionId];
      return view ? { sessions: { ...s.sessions, [sessionId]: { ...view, info } } } : {};
    });
  }

  /** The session's custom agent from its next turn (null: Keel's default agent). */
  async setCustomAgent(sessionId: string, agent: string | null): Promise<void> {
    const info = await this.client.request('agent/setCustomAgent', { sessionId, agent });
    this.store.setState((s) => {
      const view = s.sessions[sessionId];
      return view ? { sessions: { ...s.sessions, [sessionId]: { ...view, info } } } : {};
    });
  }

  async answerCommand(requestId: string, decision: 'run' | 'runAndTrust' | 'modify' | 'reject', command?: string): Promise<void> {
    await this.client.request('agent/answerCommand', { requestId, decision, ...(command !== undefined ? { command } : {}) });
  }

  async restoreCheckpoint(sessionId: string, checkpointId: string): Promise<void> {
    await this.client.request('agent/restoreCheckpoint', { sessionId, checkpointId });
  }

  private addSession(info: SessionInfo): void {
    this.store.setState((s) => ({
      sessions: s.sessions[info.id] ? s.sessions : { ...s.sessions, [info.id]: emptySession(info) },
      tabs: s.tabs.includes(info.id) ? s.tabs : [...s.tabs, info.id],
      active: info.id,
    }));
  }
}

/** Chips travel as the contract's `{ kind, target }`; the label is the pane's own. */
function toWireChip(chip: Chip): { kind: Chip['kind']; target?: string } {
  return chip.target === undefined ? { kind: chip.kind } : { kind: chip.kind, target: chip.target };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
