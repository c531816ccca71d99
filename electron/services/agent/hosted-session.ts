import {
  AgentSession,
  autopilotSink,
  builtinTools,
  Changeset,
  overlaySearch,
  overlayWorkspace,
  supervisedSink,
  type AgentEvent,
  type AgentSessionOptions,
  type CommandRunner,
  type FileChangeSink,
  type SessionRecord,
  type SessionState,
  type ToolCallGate,
  type ToolHandler,
  type ToolUseBlock,
  type WorkspaceAccess,
  untilAborted,
} from '../../../agent';
import { KeelError, type AgentChip, type AgentWorkbenchContext, type AgentMode, type AgentRole, type AgentSessionInfo, type AgentStopReason, type AgentStreamEvent } from '../../../protocol';
import type { ShadowCheckpoints } from './checkpoints';
import type { AgentContext } from './context';
import type { TurnProfile } from './custom-agents';
import { cutOutput, eventsFromRecords } from './history';
import { noLifecycle, type AgentLifecycle, type LifecycleSession, type ReviewOrigin } from './lifecycle';
import type { ReviewPort } from './review-port';

export interface PromptResult {
  stopReason: AgentStopReason;
  changesetId?: string;
  error?: string;
  /** The agent's closing text of the turn (its last answer; empty when it ended without one). */
  text: string;
}

/** What a hosted session is built from; the host shares one of each across its sessions. */
export interface HostedSessionDeps {
  workspace: WorkspaceAccess;
  context: AgentContext;
  checkpoints: ShadowCheckpoints;
  review: () => ReviewPort;
  /** Every event of this session, numbered; the host broadcasts it. */
  publish: (sessionId: string, seq: number, event: AgentStreamEvent) => void;
  /** Running state, mode or title changed (the session list is re-sent). */
  changed: () => void;
  /** Hooks around prompts, tool calls and turn ends; read at each use (the hooks service may come later). */
  lifecycle?: () => AgentLifecycle;
  /**
   * The session's full tool list, read at the start of each turn: MCP servers that became ready (or a folder trusted)
   * after the session was created still reach it. Absent: the tools given at creation stay.
   */
  tools?: () => Promise<readonly ToolHandler[]>;
  /**
   * The session's custom agent, skills and powers for one turn (custom-agents.ts): system blocks after the cached
   * prefix, the tools the agent allows, and context for the prompt. Absent: Keel's default agent, all tools.
   */
  profile?: (input: { agent: string | undefined; prompt: string; chips: readonly AgentChip[]; tools: readonly ToolHandler[] }) => Promise<TurnProfile>;
}

export interface SessionMeta {
  title: string;
  role: AgentRole;
  mode: AgentMode;
  modelId: string;
  createdAt: string;
  /** The custom agent the next turn runs under (absent: Keel's default agent). */
  customAgent?: string;
}

export type { ReviewOrigin } from './lifecycle';

/** What a session without a title is listed as (until its first prompt names it). */
export const UNTITLED = 'New chat';

/** A session's title from its first prompt: the first line, cut at a word near 60 characters. */
export function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= 60) return line || UNTITLED;
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${space > 30 ? cut.slice(0, space) : cut}…`;
}

/**
 * One session as the main process hosts it: the runtime's AgentSession plus what the chat pane needs around it —
 * numbered events (kept for reattach), a checkpoint before every prompt, the turn's changeset handed to review
 * (Supervised) or applied behind the checkpoint (Autopilot), and Stop.
 */
export class HostedSession {
  private seq = 0;
  private readonly log: { seq: number; event: AgentStreamEvent }[] = [];
  private controller: AbortController | undefined;
  private current: Promise<PromptResult> | undefined;
  private turns: number;
  /** Messages in the conversation (and compactions so far) when each checkpoint was taken, to restore the conversation. */
  private readonly checkpointMessages = new Map<string, { messageCount: number; compactions: number }>();
  /** Events of a turn whose checkpoint is still being taken (see runTurn). */
  private held: AgentStreamEvent[] | undefined;
  private turnCheckpoint: Promise<void> | undefined;
  /** Steering problems already shown in this session. */
  private readonly steeringNotices = new Set<string>();
  /** This session's Supervised changesets still waiting in the review, oldest first. */
  private readonly unreviewed = new Map<string, Changeset>();
  /** Every tool the session could have, before its custom agent narrows them (the last list read). */
  private allTools: readonly ToolHandler[] | undefined;
  private totals: { usage: AgentSessionInfo['totals']['usage']; costUsd: number | null };

  constructor(
    private agent: AgentSession,
    private readonly options: AgentSessionOptions,
    readonly meta: SessionMeta,
    private readonly deps: HostedSessionDeps,
    records: readonly SessionRecord[] = [],
    private readonly origin: ReviewOrigin = { kind: 'chat' },
  ) {
    const past = eventsFromRecords(records);
    for (const event of past) this.log.push({ seq: ++this.seq, event });
    this.turns = past.filter((e) => e.type === 'turnStart').length;
    const messagesAtTurn = new Map<unknown, { messageCount: number; compactions: number }>();
    for (const r of records) {
      const e = r.type === 'ui' ? r.event : undefined;
      if (e?.type === 'turnStart' && typeof e.messageCount === 'number') {
        const at = { messageCount: e.messageCount, compactions: typeof e.compactions === 'number' ? e.compactions : 0 };
        messagesAtTurn.set(e.turn, at);
        if (typeof e.checkpointId === 'string') this.checkpointMessages.set(e.checkpointId, at);
      }
      const count = messagesAtTurn.get(e?.turn);
      if (e?.type === 'checkpointTaken' && typeof e.checkpointId === 'string' && count !== undefined) this.checkpointMessages.set(e.checkpointId, count);
    }
    const t = agent.totals;
    this.totals = { usage: t.usage, costUsd: t.costUsd ?? null };
  }

  get id(): string {
    return this.agent.id;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  info(): AgentSessionInfo {
    const { title, role, mode, modelId, createdAt, customAgent } = this.meta;
    return {
      id: this.id,
      title: title || UNTITLED,
      role,
      mode,
      modelId,
      createdAt,
      open: true,
      running: this.running,
      totals: this.totals,
      ...(customAgent !== undefined ? { customAgent } : {}),
    };
  }

  /** Everything so far, with runs of text deltas joined (a long answer is one event, not thousands). */
  history(): { events: AgentStreamEvent[]; lastSeq: number } {
    const events: AgentStreamEvent[] = [];
    for (const { event } of this.log) {
      const last = events[events.length - 1];
      if (event.type === 'textDelta' && last?.type === 'textDelta') events[events.length - 1] = { type: 'textDelta', text: last.text + event.text };
      else events.push(event);
    }
    return { events, lastSeq: this.seq };
  }

  /** Starts a turn; `done` settles when it ends (stopped and failed turns resolve too, with their reason). */
  begin(text: string, chips: readonly AgentChip[], opts: { signal?: AbortSignal; workbench?: AgentWorkbenchContext } = {}): { turn: number; done: Promise<PromptResult> } {
    const { signal, workbench } = opts;
    if (this.current) throw new KeelError('CONFLICT', 'A turn is already running in this session; stop it first.');
    const controller = new AbortController();
    if (signal) {
      if (signal.aborted) controller.abort();
      else signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    this.controller = controller;
    const turn = ++this.turns;
    if (!this.meta.title) {
      this.meta.title = titleFrom(text);
      void this.options.store?.append(this.id, [{ type: 'title', title: this.meta.title }]).catch(() => undefined);
    }
    const done = this.runTurn(turn, text, chips, controller.signal, workbench)
      // Whatever fails (a full disk, an unreadable steering file), the pane gets its turn end and is not left busy.
      .catch((e: unknown) => this.end({ stopReason: 'error', error: { kind: 'internal', message: `The turn failed: ${(e as Error).message}` } }, ''))
      .finally(() => {
        this.current = undefined;
        this.controller = undefined;
        this.deps.changed();
      })
      // agentStop runs once the session is idle again, so a hook may start another turn in it.
      .then(async (result) => {
        await this.lifecycle()
          .agentStop?.({ session: this.lifecycleSession(), turn, stopReason: result.stopReason, text: result.text, ...(result.changesetId ? { changesetId: result.changesetId } : {}) })
          .catch((e: unknown) => this.record({ type: 'notice', message: `An agentStop hook failed: ${(e as Error).message}` }));
        return result;
      });
    this.current = done;
    this.deps.changed();
    return { turn, done };
  }

  /** Aborts the model stream and the running tool; the turn ends with `aborted`. */
  stop(): void {
    this.controller?.abort();
  }

  /** Stops and waits for the turn to wind down (closing the session or the folder). */
  async settle(): Promise<void> {
    this.stop();
    await this.current?.catch(() => undefined);
  }

  async setMode(mode: AgentMode): Promise<void> {
    if (mode === this.meta.mode) return;
    this.meta.mode = mode;
    await this.options.store?.append(this.id, [{ type: 'mode', mode }]);
    this.deps.changed();
  }

  /**
   * The custom agent for the session's next turns (null: Keel's default agent). A running turn keeps the agent it
   * started with, as in Kiro 1.0; the choice is saved with the session.
   */
  async setCustomAgent(agent: string | null): Promise<void> {
    if ((agent ?? undefined) === this.meta.customAgent) return;
    if (agent === null) delete this.meta.customAgent;
    else this.meta.customAgent = agent;
    await this.options.store?.append(this.id, [{ type: 'customAgent', agent }]);
    await this.record({ type: 'notice', message: agent === null ? "From the next turn: Keel's default agent." : `From the next turn: custom agent "${agent}".` });
    this.deps.changed();
  }

  /** Files back to the checkpoint, conversation back to before that prompt. */
  async restore(checkpointId: string, reload: () => Promise<SessionState>): Promise<void> {
    if (this.current) throw new KeelError('CONFLICT', 'Stop the running turn before restoring a checkpoint.');
    const at = this.checkpointMessages.get(checkpointId);
    if (at === undefined) throw new KeelError('NOT_FOUND', `Checkpoint ${checkpointId} is not part of this session.`);
    await this.deps.checkpoints.restore(checkpointId);
    const turn = this.log.find((l) => l.event.type === 'turnStart' && l.event.checkpointId === checkpointId);
    const event: AgentStreamEvent = { type: 'restored', checkpointId, turn: turn?.event.type === 'turnStart' ? turn.event.turn : 0 };
    await this.options.store?.append(this.id, [{ type: 'restore', checkpointId, messageCount: at.messageCount, compactions: at.compactions }]);
    await this.record(event);
    this.agent = AgentSession.resume(await reload(), this.options);
  }

  private async runTurn(turn: number, text: string, chips: readonly AgentChip[], signal: AbortSignal, workbench?: AgentWorkbenchContext): Promise<PromptResult> {
    const store = this.options.store;
    const supervised = this.meta.mode === 'supervised';
    const at = { messageCount: this.agent.history.length, compactions: this.agent.compactions };
    const start = { type: 'turnStart' as const, turn, text, chips: [...chips] };
    await store?.append(this.id, [{ type: 'ui', event: { ...start, ...at } }]);

    // The checkpoint (a git commit of the work tree: ~0.1–0.3 s, more on a first run in a big repository) is taken
    // while the model is already being called. The turn's events wait for it, so `turnStart` still carries its id,
    // and anything that changes the disk (Autopilot edits, commands) waits for it too.
    let checkpointError = '';
    this.held = [];
    const checkpoint = this.deps.checkpoints.take(`${this.meta.title} — turn ${turn}`).then(
      async (id): Promise<string | undefined> => {
        this.checkpointMessages.set(id, at);
        await store?.append(this.id, [{ type: 'ui', event: { type: 'checkpointTaken', turn, checkpointId: id } }]).catch(() => undefined);
        return id;
      },
      (e: unknown) => {
        checkpointError = (e as Error).message;
        return undefined;
      },
    );
    this.turnCheckpoint = checkpoint.then((id) => this.release({ ...start, ...(id ? { checkpointId: id } : {}) }));
    const noCheckpoint = () =>
      new Error(`Autopilot needs a checkpoint before it changes anything, and none could be taken (${checkpointError}). Switch to Supervised or fix the problem.`);

    const disk = this.deps.workspace;
    const changeset = new Changeset();
    // Supervised: earlier turns' changes still waiting for review are what the agent last wrote, so this turn reads
    // (and builds on) them; its own changeset holds only what this turn changes on top.
    const unreviewed = supervised ? [...this.unreviewed.values()] : [];
    const ws = unreviewed.reduce((w, c) => overlayWorkspace(w, c), disk);
    const baseSearch = this.options.toolContext.search && unreviewed.reduce((s, c) => overlaySearch(s, c), this.options.toolContext.search);
    const beforeApply = async () => {
      if (!(await checkpoint)) throw noCheckpoint();
    };
    const base = this.options.toolContext.commands;
    const commands: CommandRunner | undefined = base && {
      run: async (command, options) => {
        if (!(await checkpoint) && !supervised) throw noCheckpoint();
        return base.run(command, options);
      },
    };
    const tools = supervised
      ? {
          workspace: overlayWorkspace(ws, changeset),
          changes: supervisedSink(ws, changeset),
          commands,
          ...(baseSearch ? { search: overlaySearch(baseSearch, changeset) } : {}),
        }
      : { workspace: disk, changes: recorded(autopilotSink(disk, { beforeApply }), changeset, disk), commands };
    const lifecycle = this.lifecycle();
    const submitted = await this.submitPrompt(lifecycle, turn, text, signal);
    if (submitted.block !== undefined) return this.end({ stopReason: 'error', error: { kind: 'blocked', message: `Prompt blocked by hook: ${submitted.block}` } }, '');
    if (signal.aborted) return this.end({ stopReason: 'aborted' }, '');
    const { prompt, problems } = await this.deps.context.turn(text, chips, this.options.toolContext.secrets, { signal, ...(workbench ? { workbench } : {}) });
    for (const p of problems) {
      // A broken steering file is said once per session, not on every prompt.
      if (p.aboutSteering && this.steeringNotices.has(p.message)) continue;
      if (p.aboutSteering) this.steeringNotices.add(p.message);
      await this.record({ type: 'notice', message: p.message });
    }
    const profileContext = await this.prepareTurn(text, chips);
    const result = await this.agent.runTurn([...profileContext, prompt, ...submitted.context].join('\n\n'), {
      signal,
      tools,
      ...(supervised ? { changeset } : {}),
      gate: this.toolGate(lifecycle, turn),
      onEvent: (e) => {
        const s = toStreamEvent(e);
        if (!s) return;
        if (s.type === 'usage') this.totals = s.session;
        this.emit(s);
      },
    });

    let changesetId: string | undefined;
    const files = changeset.summary();
    if (files.length > 0 && supervised) {
      // Above the files in the review: what the agent says it did (its closing text), the prompt only if it said nothing.
      const summary = result.text.trim() || `Asked: ${text.trim()}`;
      const reg = this.deps.review().register({ changeset, source: { ...this.origin, sessionId: this.id }, summary: summary.slice(0, 4000) });
      changesetId = reg.id;
      this.unreviewed.set(reg.id, changeset);
      await this.record({ type: 'changeset', changesetId, applied: false, files });
      void reg.settled
        .finally(() => this.unreviewed.delete(reg.id))
        .then((o) => this.record({ type: 'changesetSettled', changesetId: reg.id, status: o.status }))
        .catch(() => undefined);
    } else if (files.length > 0) {
      changesetId = `auto-${(await checkpoint) ?? turn}`;
      await this.record({ type: 'changeset', changesetId, applied: true, files });
    }
    return this.end({ stopReason: result.stopReason, ...(result.error ? { error: result.error } : {}) }, result.text, changesetId);
  }

  private lifecycle(): AgentLifecycle {
    return this.deps.lifecycle?.() ?? noLifecycle;
  }

  private lifecycleSession(): LifecycleSession {
    return { id: this.id, title: this.meta.title, origin: this.origin };
  }

  /**
   * The turn's tools and system blocks: every tool (built-in + MCP), narrowed by the session's custom agent.
   * Unchanged tools and system keep the cached prefix as it is; a change costs one cache rewrite (see
   * AgentSession.setTools / setSystem). Returns context blocks for the prompt (#skill chips, active powers).
   */
  private async prepareTurn(text: string, chips: readonly AgentChip[]): Promise<string[]> {
    // A source that fails leaves the tools the session had: the turn still runs.
    const fresh = this.deps.tools ? await this.deps.tools().catch(() => undefined) : undefined;
    if (fresh) this.allTools = fresh;
    const all = this.allTools ?? this.options.tools ?? builtinTools;
    if (!this.deps.profile) {
      if (fresh) this.agent.setTools(fresh);
      return [];
    }
    const profile = await this.deps.profile({ agent: this.meta.customAgent, prompt: text, chips, tools: all }).catch(async (e: unknown) => {
      await this.record({ type: 'notice', message: `Custom agents, skills and powers could not be read: ${(e as Error).message}` });
      return undefined;
    });
    if (!profile) {
      this.agent.setTools(all);
      this.agent.setSystem(this.options.system);
      return [];
    }
    for (const message of profile.notices) {
      if (this.steeringNotices.has(message)) continue;
      this.steeringNotices.add(message);
      await this.record({ type: 'notice', message });
    }
    this.agent.setTools(profile.tools);
    this.agent.setSystem([...this.options.system, ...profile.system]);
    return profile.turnContext;
  }

  /** promptSubmit hooks: context they add joins the prompt; a failing hook is a notice, not a lost prompt. */

  private async submitPrompt(lifecycle: AgentLifecycle, turn: number, text: string, signal: AbortSignal): Promise<{ context: string[]; block?: string }> {
    if (!lifecycle.promptSubmit) return { context: [] };
    try {
      // Stop does not wait for a slow hook.
      const out = (await untilAborted(lifecycle.promptSubmit({ session: this.lifecycleSession(), turn, prompt: text, signal }), signal)) ?? {};
      const context = (out.context ?? []).filter((c) => c.trim() !== '');
      return out.block !== undefined ? { context, block: out.block.trim() || 'no reason given' } : { context };
    } catch (e) {
      await this.record({ type: 'notice', message: `A promptSubmit hook failed: ${(e as Error).message}` });
      return { context: [] };
    }
  }

  /** preToolUse / postToolUse around each tool call of the turn. */
  private toolGate(lifecycle: AgentLifecycle, turn: number): ToolCallGate | undefined {
    const { preToolUse, postToolUse } = lifecycle;
    if (!preToolUse && !postToolUse) return undefined;
    const call = (use: ToolUseBlock, signal: AbortSignal) => ({ session: this.lifecycleSession(), turn, toolUseId: use.id, name: use.name, input: use.input, signal });
    return {
      before: async (use, signal) => (await preToolUse?.call(lifecycle, call(use, signal)))?.block,
      after: async (use, outcome, signal) => {
        await postToolUse
          ?.call(lifecycle, { ...call(use, signal), status: outcome.status, output: outcome.content, durationMs: outcome.durationMs })
          .catch((e: unknown) => this.record({ type: 'notice', message: `A postToolUse hook failed: ${(e as Error).message}` }));
      },
    };
  }

  /** The turn's checkpoint is known: its turnStart goes out, then what the turn streamed meanwhile. */
  private release(start: AgentStreamEvent): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.emit(start);
    for (const e of held) this.emit(e);
  }

  private async end(end: { stopReason: AgentStopReason; error?: { kind: string; message: string } }, text: string, changesetId?: string): Promise<PromptResult> {
    await this.turnCheckpoint;
    this.turnCheckpoint = undefined;
    await this.record({ type: 'turnEnd', ...end });
    await this.options.store?.sync?.(this.id).catch(() => undefined);
    return { stopReason: end.stopReason, text, ...(changesetId ? { changesetId } : {}), ...(end.error ? { error: end.error.message } : {}) };
  }

  /** Emits an event and keeps it in the session file for the chat history after a restart. */
  private async record(event: AgentStreamEvent): Promise<void> {
    await this.options.store?.append(this.id, [{ type: 'ui', event: event as Record<string, unknown> }]).catch(() => undefined);
    this.emit(event);
  }

  /** Streams an event that is not saved (text deltas and tool cards are rebuilt from the conversation itself). */
  emit(event: AgentStreamEvent): void {
    if (this.held) {
      this.held.push(event);
      return;
    }
    const seq = ++this.seq;
    this.log.push({ seq, event });
    this.deps.publish(this.id, seq, event);
  }
}

function toStreamEvent(e: AgentEvent): AgentStreamEvent | undefined {
  switch (e.type) {
    case 'textDelta':
      return { type: 'textDelta', text: e.text };
    case 'retry':
      return { type: 'retry', attempt: e.attempt, delayMs: e.delayMs, error: { kind: e.kind, message: e.message } };
    case 'toolStart':
      return { type: 'toolStart', toolUseId: e.id, name: e.name, input: e.input };
    case 'toolOutput':
      return { type: 'toolOutput', toolUseId: e.id, chunk: e.chunk };
    case 'toolResult':
      return {
        type: 'toolEnd',
        toolUseId: e.id,
        name: e.name,
        status: e.status,
        output: cutOutput(e.content),
        reused: e.reused,
        durationMs: e.durationMs,
        ...(e.blocked !== undefined ? { blocked: e.blocked } : {}),
      };
    case 'compacted':
      return { type: 'compacted', summarizedMessages: e.summarizedMessages, tokensBefore: e.tokensBefore, tokensAfter: e.tokensAfter };
    case 'usage':
      return {
        type: 'usage',
        modelId: e.modelId,
        call: e.call,
        turn: { usage: e.turn.usage, costUsd: e.turn.costUsd ?? null },
        session: { usage: e.session.usage, costUsd: e.session.costUsd ?? null },
      };
    default:
      // turnStart / turnEnd are the host's own (with prompt text, checkpoint and changeset); assistantMessage is
      // already streamed as text deltas.
      return undefined;
  }
}

/** Autopilot: writes go to disk at once, and are also noted in a changeset so the chat can show per-file counts. */
function recorded(sink: FileChangeSink, changeset: Changeset, ws: WorkspaceAccess): FileChangeSink {
  const original = async (path: string): Promise<string | null> => ((await ws.stat(path)) ? ws.readFile(path) : null);
  return {
    async write(path, text) {
      await changeset.propose(path, text, () => original(path));
      await sink.write(path, text);
    },
    async delete(path) {
      await changeset.propose(path, null, () => original(path));
      await sink.delete(path);
    },
  };
}

