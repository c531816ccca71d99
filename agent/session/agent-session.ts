import type { Changeset } from '../changeset/changeset';
import { AgentError } from '../core/errors';
import { addUsage, zeroUsage, type ChatMessage, type ContentBlock, type ModelRequest, type ToolResultBlock, type ToolSpec, type Usage } from '../core/messages';
import type { ModelProvider } from '../providers/provider';
import { costUsd, DEFAULT_PRICES, priceFor, type PriceTable } from '../routing/prices';
import { systemClock, type Clock } from '../runtime/clock';
import { callModel, defaultRetryPolicy, type RetryPolicy } from '../runtime/retry';
import { builtinTools, runTool, toToolSpecs } from '../tools/registry';
import type { ToolContext, ToolHandler } from '../tools/tool';
import type { AgentEvent, TurnResult, TurnStopReason } from './events';
import type { SessionRecord, SessionStore } from './records';
import type { SessionState } from './replay';
import { blockedContent, gateAfter, gateBefore, type ToolCallGate } from './tool-gate';
import { compactHistory } from '../context/compact';
import { summaryRequest } from './summarize';

export interface AgentSessionOptions {
  provider: ModelProvider;
  modelId: string;
  /** System prompt then steering, in a fixed order: this is the cached prefix. */
  system: string[];
  specDocuments?: string[];
  tools?: readonly ToolHandler[];
  toolContext: Omit<ToolContext, 'signal' | 'onOutput'>;
  /** The Supervised changeset, saved with the session after every tool round. */
  changeset?: Changeset;
  store?: SessionStore;
  prices?: PriceTable;
  retry?: RetryPolicy;
  clock?: Clock;
  random?: () => number;
  /** Model calls per turn before Keel stops a runaway loop. */
  maxRounds?: number;
  maxTokens?: number;
  /**
   * Near the model's context window, older turns are summarised (by the model itself; an outline if that fails)
   * before the next call. Only messages change, so the cached prefix keeps its bytes.
   */
  compaction?: { contextWindowTokens: number; threshold?: number; keepTurns?: number; estimateTokens?: (text: string) => number };
}

export interface TurnOptions {
  signal?: AbortSignal;
  onEvent?: (e: AgentEvent) => void;
  /** This turn's view of the workspace and edit sink (a host switches Supervised/Autopilot between turns). */
  tools?: Partial<Pick<ToolContext, 'workspace' | 'changes' | 'commands' | 'search'>>;
  /** This turn's changeset, saved with the session after every tool round (instead of the session's). */
  changeset?: Changeset;
  /** Before/after every tool call of this turn (the host's preToolUse / postToolUse hooks). */
  gate?: ToolCallGate;
}

/**
 * A conversation with the agent: each `runTurn` calls the model, runs the tools it asks for, feeds the results back
 * and repeats until the model ends its turn. Every message, tool run and usage figure is appended to the store as
 * it happens, so a restart picks up exactly where the session was.
 */
export class AgentSession {
  readonly id: string;
  private readonly messages: ChatMessage[];
  private readonly ledger: Map<string, ToolResultBlock>;
  private usage: Usage;
  private cost: number | undefined;
  private toolSpecs: ToolSpec[];
  private tools: readonly ToolHandler[];
  private system: string[];
  private running = false;
  private turns = 0;
  private turnTools: TurnOptions['tools'];
  private turnChangeset: Changeset | undefined;
  private turnGate: ToolCallGate | undefined;
  private compactionCount: number;
  private turnUsage: Usage = zeroUsage();
  private turnCost: number | undefined;

  private constructor(
    private readonly options: AgentSessionOptions,
    state: Pick<SessionState, 'id' | 'messages' | 'usage' | 'costUsd' | 'ledger'> & { compactions?: number },
  ) {
    this.id = state.id;
    this.messages = state.messages;
    this.ledger = state.ledger;
    this.usage = state.usage;
    this.cost = state.costUsd;
    this.compactionCount = state.compactions ?? 0;
    this.tools = options.tools ?? builtinTools;
    this.system = [...options.system];
    // Computed once: the tool list is the first part of the cached prefix and must not vary between calls.
    this.toolSpecs = toToolSpecs(this.tools);
  }

  /**
   * Swaps the tools before a turn (an MCP server became ready, or went away). When the specs the model sees are the
   * same, the spec objects are kept, so the cached prefix stays byte-identical; when they differ, the next call
   * rewrites the prompt cache once (tools come first in the prefix). Returns whether the model's tool list changed.
   */
  setTools(tools: readonly ToolHandler[]): boolean {
    if (this.running) throw new Error('The tools of a session cannot change during a turn.');
    const specs = toToolSpecs(tools);
    this.tools = tools;
    if (JSON.stringify(specs) === JSON.stringify(this.toolSpecs)) return false;
    this.toolSpecs = specs;
    return true;
  }

  /**
   * Swaps the system blocks before a turn (the session's custom agent changed). Same bytes → nothing changes and the
   * cached prefix stays; different → the next call rewrites the cache once. Returns whether they changed.
   */
  setSystem(system: readonly string[]): boolean {
    if (this.running) throw new Error('The system prompt of a session cannot change during a turn.');
    if (system.length === this.system.length && system.every((s, i) => s === this.system[i])) return false;
    this.system = [...system];
    return true;
  }

  /** The tools the model is offered now. */
  get toolNames(): string[] {
    return this.tools.map((t) => t.name);
  }

  static async create(
    options: AgentSessionOptions,
    meta: { id?: string; title?: string; role?: 'planner' | 'executor'; mode?: 'supervised' | 'autopilot' } = {},
  ): Promise<AgentSession> {
    const id = meta.id ?? globalThis.crypto.randomUUID();
    const record: SessionRecord = { type: 'meta', version: 1, id, createdAt: new Date().toISOString() };
    if (meta.title !== undefined) record.title = meta.title;
    if (meta.role !== undefined) record.role = meta.role;
    if (meta.mode !== undefined) record.mode = meta.mode;
    await options.store?.append(id, [record]);
    return new AgentSession(options, { id, messages: [], usage: zeroUsage(), costUsd: undefined, ledger: new Map() });
  }

  /** Continues a session loaded with `loadSessionState`. */
  static resume(state: SessionState, options: AgentSessionOptions): AgentSession {
    return new AgentSession(options, state);
  }

  get history(): readonly ChatMessage[] {
    return this.messages;
  }

  /** How many times the history was compacted (a checkpoint remembers it, to restore across a compaction). */
  get compactions(): number {
    return this.compactionCount;
  }

  get totals(): { usage: Usage; costUsd: number | undefined } {
    return { usage: this.usage, costUsd: this.cost };
  }

  /** The request the next model call would send (also what the cache-stability test inspects). */
  buildRequest(): ModelRequest {
    const request: ModelRequest = {
      modelId: this.options.modelId,
      system: this.system,
      specDocuments: this.options.specDocuments ?? [],
      tools: this.toolSpecs,
      messages: this.messages,
      // Cache point on the newest message: the next call reads everything up to here from cache.
      historyCacheIndex: this.messages.length - 1,
    };
    if (this.options.maxTokens !== undefined) request.maxTokens = this.options.maxTokens;
    return request;
  }

  async runTurn(prompt: string, options: TurnOptions = {}): Promise<TurnResult> {
    if (this.running) throw new Error('A turn is already running in this session; stop it first.');
    this.running = true;
    this.turnTools = options.tools;
    this.turnChangeset = options.changeset;
    this.turnGate = options.gate;
    const signal = options.signal ?? new AbortController().signal;
    const emit = (e: AgentEvent): void => options.onEvent?.(e);
    this.turnUsage = zeroUsage();
    this.turnCost = undefined;
    let lastText = '';
    const finish = (stopReason: TurnStopReason, error?: AgentError): TurnResult => {
      const err = error ? { kind: error.kind, message: error.message } : undefined;
      emit({ type: 'turnEnd', stopReason, ...(err ? { error: err } : {}) });
      return { stopReason, text: lastText, usage: this.turnUsage, costUsd: this.turnCost, ...(err ? { error: err } : {}) };
    };
    try {
      emit({ type: 'turnStart', turn: ++this.turns });
      await this.push({ role: 'user', content: [...this.closeInterruptedToolUses(), { type: 'text', text: prompt }] });
      for (let round = 1; ; round++) {
        if (round > (this.options.maxRounds ?? 50)) return finish('max_rounds');
        let answer;
        try {
          await this.compactIfNeeded(signal, emit);
          answer = await callModel(this.options.provider, this.buildRequest(), {
            signal,
            policy: this.options.retry ?? defaultRetryPolicy,
            clock: this.options.clock ?? systemClock,
            random: this.options.random ?? Math.random,
            onEvent: (e) => {
              if (e.type === 'textDelta') emit(e);
            },
            onRetry: ({ attempt, delayMs, error }) => emit({ type: 'retry', attempt, delayMs, kind: error.kind, message: error.message }),
          });
        } catch (e) {
          const error = e instanceof AgentError ? e : new AgentError('server', e instanceof Error ? e.message : String(e), {}, e);
          // Keep user/assistant alternation so the next turn is a valid request.
          await this.push({ role: 'assistant', content: [{ type: 'text', text: error.kind === 'aborted' ? '(stopped by the user)' : `(the model call failed: ${error.kind})` }] });
          return finish(error.kind === 'aborted' ? 'aborted' : 'error', error);
        }
        lastText = answer.text;
        const content: ContentBlock[] = answer.text ? [{ type: 'text', text: answer.text }, ...answer.toolUses] : [...answer.toolUses];
        const message: ChatMessage = { role: 'assistant', content };
        await this.push(message);
        emit({ type: 'assistantMessage', message });
        await this.account(answer.usage, emit);

        if (answer.toolUses.length === 0) return finish(answer.stopReason);
        const results = await this.runTools(answer.toolUses, signal, emit);
        await this.push({ role: 'user', content: results });
        if (signal.aborted) return finish('aborted');
      }
    } finally {
      this.running = false;
      this.turnTools = undefined;
      this.turnChangeset = undefined;
      this.turnGate = undefined;
      await this.options.store?.sync?.(this.id);
    }
  }

  /** Adds a model call's tokens and cost to the turn and the session, saves and streams them. */
  private async account(usage: Usage, emit: (e: AgentEvent) => void): Promise<void> {
    const callCost = costUsd(usage, priceFor(this.options.prices ?? DEFAULT_PRICES, this.options.modelId));
    this.turnUsage = addUsage(this.turnUsage, usage);
    this.usage = addUsage(this.usage, usage);
    if (callCost !== undefined) {
      this.turnCost = (this.turnCost ?? 0) + callCost;
      this.cost = (this.cost ?? 0) + callCost;
    }
    await this.options.store?.append(this.id, [{ type: 'usage', modelId: this.options.modelId, usage, ...(callCost !== undefined ? { costUsd: callCost } : {}) }]);
    emit({ type: 'usage', modelId: this.options.modelId, call: usage, turn: { usage: this.turnUsage, costUsd: this.turnCost }, session: { usage: this.usage, costUsd: this.cost } });
  }

  /** Summarises older turns when the next request would come near the context window (see `compaction`). */
  private async compactIfNeeded(signal: AbortSignal, emit: (e: AgentEvent) => void): Promise<void> {
    const options = this.options.compaction;
    if (!options) return;
    const maxChars = Math.floor(options.contextWindowTokens * 2);
    const summarize = async (old: readonly ChatMessage[], s?: AbortSignal): Promise<string> => {
      const answer = await callModel(this.options.provider, summaryRequest(this.options.modelId, old, maxChars), {
        ...(s ? { signal: s } : {}),
        policy: this.options.retry ?? defaultRetryPolicy,
        clock: this.options.clock ?? systemClock,
        random: this.options.random ?? Math.random,
      });
      await this.account(answer.usage, emit);
      return answer.text;
    };
    const result = await compactHistory(this.buildRequest(), options, summarize, signal);
    if (!result.compacted) return;
    if (signal.aborted) throw new AgentError('aborted', 'stopped');
    this.messages.splice(0, this.messages.length, ...result.request.messages);
    this.compactionCount++;
    await this.options.store?.append(this.id, [{ type: 'compaction', summarizedMessages: result.summarizedMessages, summary: result.summary }]);
    emit({ type: 'compacted', summarizedMessages: result.summarizedMessages, tokensBefore: result.tokensBefore, tokensAfter: result.tokensAfter, usedFallback: result.usedFallback });
  }

  private async runTools(uses: Extract<ContentBlock, { type: 'toolUse' }>[], signal: AbortSignal, emit: (e: AgentEvent) => void): Promise<ToolResultBlock[]> {
    const results: ToolResultBlock[] = [];
    const changeset = this.turnChangeset ?? this.options.changeset;
    const before = changeset ? JSON.stringify(changeset.list()) : '';
    for (const use of uses) {
      const prior = this.ledger.get(use.id);
      if (prior) {
        results.push(prior);
        emit({ type: 'toolResult', id: use.id, name: use.name, status: prior.status, content: prior.content, reused: true, durationMs: 0 });
        continue;
      }
      if (signal.aborted) {
        results.push({ type: 'toolResult', toolUseId: use.id, status: 'error', content: 'Not run: the user pressed Stop.' });
        continue;
      }
      emit({ type: 'toolStart', id: use.id, name: use.name, input: use.input });
      const clock = this.options.clock ?? systemClock;
      const gated = await gateBefore(this.turnGate, use, signal);
      // Stop pressed while a hook was deciding: the call is simply not run (no hook said no).
      const stopped = signal.aborted && gated !== undefined;
      const blocked = stopped ? undefined : gated;
      const started = clock.now();
      const out = stopped
        ? { status: 'error' as const, content: 'Not run: the user pressed Stop.' }
        : blocked !== undefined
        ? { status: 'error' as const, content: blockedContent(blocked) }
        : await runTool(this.tools, use, {
            ...this.options.toolContext,
            ...this.turnTools,
            signal,
            onOutput: (chunk) => emit({ type: 'toolOutput', id: use.id, chunk }),
          });
      const durationMs = gated !== undefined ? 0 : Math.max(0, clock.now() - started);
      const block: ToolResultBlock = { type: 'toolResult', toolUseId: use.id, status: out.status, content: out.content };
      this.ledger.set(use.id, block);
      const run: SessionRecord = { type: 'toolRun', toolUseId: use.id, name: use.name, status: out.status, content: out.content, durationMs };
      if (blocked !== undefined) run.blocked = blocked;
      await this.options.store?.append(this.id, [run]);
      emit({ type: 'toolResult', id: use.id, name: use.name, status: out.status, content: out.content, reused: false, durationMs, ...(blocked !== undefined ? { blocked } : {}) });
      if (gated === undefined) await gateAfter(this.turnGate, use, { status: out.status, content: out.content, durationMs }, signal);
      results.push(block);
    }
    if (changeset) {
      const changes = changeset.list();
      if (JSON.stringify(changes) !== before) await this.options.store?.append(this.id, [{ type: 'changeset', changes }]);
    }
    return results;
  }

  /**
   * After a crash between a model answer and its tool results, the history ends with unanswered tool uses. Results
   * that ran (the ledger) are reused; the others are reported as not run, never silently executed on a new prompt.
   */
  private closeInterruptedToolUses(): ToolResultBlock[] {
    const last = this.messages[this.messages.length - 1];
    if (last?.role !== 'assistant') return [];
    return last.content.flatMap((b) =>
      b.type === 'toolUse'
        ? [this.ledger.get(b.id) ?? { type: 'toolResult' as const, toolUseId: b.id, status: 'error' as const, content: 'Not run: the session was interrupted before this tool ran.' }]
        : [],
    );
  }

  private async push(message: ChatMessage): Promise<void> {
    this.messages.push(message);
    await this.options.store?.append(this.id, [{ type: 'message', message }]);
  }
}
