import {
  AgentSession,
  builtinTools,
  contextWindowFor,
  loadSessionState,
  routeRole,
  SecretPolicy,
  type AgentSessionOptions,
  type ApprovalDecision,
  type ApprovalGate,
  type Clock,
  type SessionRecord,
  type TextSearch,
  type ToolHandler,
  type FilePermissions,
} from '../../../agent';
import type { ContextPorts } from '../../../agent/context';
import { JsonlSessionStore, NodeCommandRunner, NodeWorkspace, type CommandLauncher } from '../../../agent/node';
import { defaultCommandSandbox } from '../sandbox/command-sandbox';
import { sandboxLauncher } from '../sandbox/launcher';
import { KeelError, type AgentChip, type AgentWorkbenchContext, type AgentMode, type AgentRole, type AgentSessionInfo, type AgentStreamEvent } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { defineFolderService, type EmitEvent } from '../app/folder-service';
import { changeReviewKey } from '../changes/change-review';
import { ServiceTextSearch } from '../search/agent-text-search';
import { defaultUserSteeringDir, UserSteeringDir } from '../steering/user-steering';
import { commandApprovalKey } from '../trust/command-approval';
import { workspaceTrustKey } from '../trust/workspace-trust';
import { searchServiceFor } from '../search/search-registry';
import { AgentContext, type ExtraContext } from './context';
import { TermSearch, WorkingTreeDiff } from './context-ports';
import { TerminalOutput } from './terminal-output';
import { TerminalCommandRunner, type CommandTerminals } from './terminal-runner';
import { agentHooksKey } from './agent-hooks';
import { ShadowCheckpoints } from './checkpoints';
import { PendingApprovals, trustedApproval } from './command-approval';
import { HostedSession, titleFrom, UNTITLED, type PromptResult, type ReviewOrigin, type SessionMeta } from './hosted-session';
import { InMemoryReview, type ReviewPort } from './review-port';
import type { AgentLifecycle } from './lifecycle';
import { loadAgentSettings } from './settings-store';
import { mcpToolsForSession } from './mcp-tools';
import { mcpServiceKey } from '../mcp/mcp-service';
import { availableOf, defaultUserHome, describeCustomAgents, loadKiroAgentFiles, turnProfile, workspaceKiroDir } from './custom-agents';
import { mcpPermissions, permissionsKey } from '../permissions';

export type { PromptResult } from './hosted-session';
export type { AgentLifecycle } from './lifecycle';

export interface AgentHostOptions {
  root: string;
  userDataDir: string;
  emit: EmitEvent;
  /** The Search view's engine (one set of ignore rules); the JS scan when absent. */
  search?: TextSearch;
  /** KEEL_BEDROCK_ENDPOINT and friends; process.env by default. */
  env?: Record<string, string | undefined>;
  /** Static credentials (tests); the SDK's default chain otherwise. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The change-review service; until it is wired, changesets wait in memory (see InMemoryReview). */
  review?: () => ReviewPort;
  /** Host sides of the context chips (user steering, #terminal, #problems, #git diff, #codebase); each optional. */
  contextPorts?: Omit<ContextPorts, 'workspace'>;
  /** Visible terminals for executeBash; without them commands run in a child process group (output in the chat). */
  terminals?: CommandTerminals;
  /** Tests skip the real backoff waits. */
  clock?: Clock;
  /** The trust service's approval; until it is wired every command is asked through the session's events. */
  approval?: (sessionId: string) => ApprovalGate;
  /** The model's context window for compaction (tests use a tiny one); by model family otherwise. */
  contextWindowTokens?: number;
  /** Hooks around prompts, tool calls and turn ends (AgentLifecycle); read at each use, no-ops when absent. */
  lifecycle?: () => AgentLifecycle;
  /**
   * Tools besides the built-in ones for a session (the MCP servers' tools): read when the session is created or
   * reopened and again at the start of each turn (`turn: true`, where a server still starting is waited for less).
   */
  extraTools?: (sessionId: string, options?: { turn?: boolean }) => Promise<ToolHandler[]>;
  /** The folder holding the user's `.kiro` (agents, skills, powers); the home directory by default, null for none. */
  userHome?: string | null;
  /** Kiro's permission rules for the file tools: re-read before each prompt, consulted on every file access. */
  permissions?: { current(): FilePermissions | undefined; refresh(): Promise<unknown> };
}

export interface CreateSessionOptions {
  role: AgentRole;
  title?: string;
  mode?: AgentMode;
  /** Extra stable context (a task's spec documents…), placed after steering in the cached prefix; not saved. */
  extraContext?: ExtraContext;
  /** How the review names this session's changesets (default: chat); not saved, like extraContext. */
  origin?: ReviewOrigin;
}

interface Core {
  workspace: NodeWorkspace;
  context: AgentContext;
  store: JsonlSessionStore;
  checkpoints: ShadowCheckpoints;
  fallbackReview: InMemoryReview;
}

/**
 * The agent as the main process hosts it for one open folder: several sessions at once, each saved as JSONL in the
 * user data directory (so they survive a restart), streaming numbered `agent/event`s to every window.
 */
export class AgentHost implements Disposable {
  private readonly sessions = new Map<string, HostedSession>();
  private readonly opening = new Map<string, Promise<HostedSession>>();
  private readonly approvals: PendingApprovals;
  private core: Promise<Core> | undefined;
  private saved: Promise<Map<string, AgentSessionInfo>> | undefined;
  private disposed = false;

  constructor(private readonly options: AgentHostOptions) {
    this.approvals = new PendingApprovals(
      (sessionId, ask) => this.sessions.get(sessionId)?.emit({ type: 'commandApproval', ...ask }),
      (sessionId, requestId) => this.sessions.get(sessionId)?.emit({ type: 'commandApprovalDone', requestId }),
    );
  }

  /** Saved sessions of this folder, newest first; open ones with their live state. */
  async listSessions(): Promise<AgentSessionInfo[]> {
    const known = await this.savedSessions();
    for (const s of this.sessions.values()) known.set(s.id, s.info());
    return [...known.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Sessions on disk, read once per folder (the list is re-sent on every turn start and end). */
  private savedSessions(): Promise<Map<string, AgentSessionInfo>> {
    this.saved ??= this.ready().then(async ({ store }) => {
      const zero = { usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: null };
      const list = await store.list();
      return new Map(
        list.map((s): [string, AgentSessionInfo] => [
          s.id,
          { id: s.id, title: s.title ?? UNTITLED, role: s.role ?? 'executor', mode: s.mode ?? 'supervised', modelId: '', createdAt: s.createdAt, open: false, running: false, totals: zero },
        ]),
      );
    });
    return this.saved;
  }

  async createSession(opts: CreateSessionOptions): Promise<AgentSessionInfo> {
    const core = await this.ready();
    const { settings } = await loadAgentSettings(this.options.userDataDir);
    const mode = opts.mode ?? settings.mode;
    // Untitled: the first prompt names it (see HostedSession.begin).
    const title = opts.title?.trim() ?? '';
    const id = globalThis.crypto.randomUUID();
    const options = await this.sessionOptions(core, id, opts.role, opts.extraContext);
    const agent = await AgentSession.create(options, { id, ...(title ? { title } : {}), role: opts.role, mode });
    const meta: SessionMeta = { title, role: opts.role, mode, modelId: options.modelId, createdAt: new Date().toISOString() };
    const hosted = this.host(agent, options, meta, core, [], opts.origin);
    this.sessionsChanged();
    return hosted.info();
  }

  /** Loads a saved session (after a restart or a close); already open → its current state. */
  async openSession(sessionId: string): Promise<AgentSessionInfo> {
    return (await this.session(sessionId)).info();
  }

  async closeSession(sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.sessions.delete(sessionId);
    await s.settle();
    (await this.savedSessions()).set(sessionId, { ...s.info(), open: false, running: false });
    this.sessionsChanged();
  }

  async history(sessionId: string): Promise<{ session: AgentSessionInfo; events: AgentStreamEvent[]; lastSeq: number }> {
    const s = await this.session(sessionId);
    return { session: s.info(), ...s.history() };
  }

  /** Runs one prompt to the end of its turn (the task runner awaits this; the chat pane uses `startPrompt`). */
  async prompt(sessionId: string, text: string, opts: { chips?: AgentChip[]; signal?: AbortSignal; workbench?: AgentWorkbenchContext } = {}): Promise<PromptResult> {
    await this.options.permissions?.refresh();
    return (await this.session(sessionId)).begin(text, opts.chips ?? [], opts).done;
  }

  /** Starts a prompt and returns its turn number at once. */
  async startPrompt(sessionId: string, text: string, chips: AgentChip[] = [], workbench?: AgentWorkbenchContext): Promise<{ turn: number }> {
    await this.options.permissions?.refresh();
    const { turn, done } = (await this.session(sessionId)).begin(text, chips, workbench ? { workbench } : {});
    void done.catch((e: unknown) => console.error('Keel: agent turn failed:', e));
    return { turn };
  }

  stop(sessionId: string): void {
    this.sessions.get(sessionId)?.stop();
  }

  async setMode(sessionId: string, mode: AgentMode): Promise<AgentSessionInfo> {
    const s = await this.session(sessionId);
    await s.setMode(mode);
    return s.info();
  }

  async restoreCheckpoint(sessionId: string, checkpointId: string): Promise<void> {
    const s = await this.session(sessionId);
    const { store } = await this.ready();
    await s.restore(checkpointId, () => loadSessionState(store, sessionId));
  }

  /** Custom agents, skills and powers, with each agent's tools resolved against the tools available now. */
  async customAgents(): Promise<ReturnType<typeof describeCustomAgents>> {
    const core = await this.ready();
    const extra = this.options.extraTools ? await this.options.extraTools('list', { turn: true }).catch(() => []) : [];
    return describeCustomAgents(await this.kiroFiles(core), availableOf([...builtinTools, ...extra]));
  }

  /** The session's custom agent from its next turn (null: Keel's default agent); NOT_FOUND for an unknown name. */
  async setCustomAgent(sessionId: string, agent: string | null): Promise<AgentSessionInfo> {
    const s = await this.session(sessionId);
    if (agent !== null) {
      const files = await this.kiroFiles(await this.ready());
      if (!files.agents.some((a) => a.name === agent)) throw new KeelError('NOT_FOUND', `There is no custom agent named "${agent}" in .kiro/agents or ~/.kiro/agents.`);
    }
    await s.setCustomAgent(agent);
    return s.info();
  }

  private kiroFiles(core: Core) {
    const home = this.options.userHome === undefined ? defaultUserHome() : this.options.userHome;
    return loadKiroAgentFiles(workspaceKiroDir(core.workspace), home ?? undefined);
  }

  answerCommand(requestId: string, decision: ApprovalDecision): void {
    this.approvals.answer(requestId, decision);
  }

  /** The stand-in review (until the review service is wired): accept or reject a changeset whole. */
  async acceptChangeset(id: string): Promise<void> {
    await (await this.ready()).fallbackReview.accept(id);
  }

  async rejectChangeset(id: string): Promise<void> {
    (await this.ready()).fallbackReview.reject(id);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.settle()));
  }

  private async session(sessionId: string): Promise<HostedSession> {
    const open = this.sessions.get(sessionId);
    if (open) return open;
    let pending = this.opening.get(sessionId);
    if (!pending) {
      pending = this.load(sessionId).finally(() => this.opening.delete(sessionId));
      this.opening.set(sessionId, pending);
    }
    return pending;
  }

  private async load(sessionId: string): Promise<HostedSession> {
    const core = await this.ready();
    const { records } = await core.store.load(sessionId).catch((e: unknown) => {
      throw new KeelError('NOT_FOUND', (e as Error).message);
    });
    const state = await loadSessionState(core.store, sessionId);
    const role = state.role ?? 'executor';
    const options = await this.sessionOptions(core, sessionId, role);
    const firstPrompt = state.messages.find((m) => m.role === 'user')?.content.find((b) => b.type === 'text');
    const meta: SessionMeta = {
      // Sessions saved before titles were recorded: their first prompt's text (context blocks come before it).
      title: state.title ?? (firstPrompt?.type === 'text' ? titleFrom(firstPrompt.text.split('\n\n').at(-1) ?? '') : ''),
      role,
      mode: state.mode ?? 'supervised',
      modelId: options.modelId,
      createdAt: state.createdAt,
      ...(state.customAgent !== undefined ? { customAgent: state.customAgent } : {}),
    };
    const hosted = this.host(AgentSession.resume(state, options), options, meta, core, records);
    this.sessionsChanged();
    return hosted;
  }

  private host(agent: AgentSession, options: AgentSessionOptions, meta: SessionMeta, core: Core, records: readonly SessionRecord[], origin?: ReviewOrigin): HostedSession {
    if (this.disposed) throw new KeelError('INTERNAL', 'The folder is closing');
    const extraTools = this.options.extraTools;
    const hosted = new HostedSession(
      agent,
      options,
      meta,
      {
        workspace: core.workspace,
        context: core.context,
        checkpoints: core.checkpoints,
        review: this.options.review ?? (() => core.fallbackReview),
        publish: (sessionId, seq, event) => this.options.emit('agent/event', { sessionId, seq, event }),
        changed: () => this.sessionsChanged(),
        ...(this.options.lifecycle ? { lifecycle: this.options.lifecycle } : {}),
        ...(extraTools ? { tools: async () => [...builtinTools, ...(await extraTools(agent.id, { turn: true }))] } : {}),
        profile: async (input) => turnProfile(await this.kiroFiles(core), input),
      },
      records,
      origin,
    );
    this.sessions.set(hosted.id, hosted);
    return hosted;
  }

  private async sessionOptions(core: Core, sessionId: string, role: AgentRole, extra?: CreateSessionOptions['extraContext']): Promise<AgentSessionOptions> {
    const { settings } = await loadAgentSettings(this.options.userDataDir);
    const routed = routeRole(settings, role, this.options.env ?? process.env, this.options.credentials ? { credentials: this.options.credentials } : {});
    const prefix = await core.context.prefix(extra);
    const kiroignore = (await core.workspace.stat('.kiroignore')) ? await core.workspace.readFile('.kiroignore').catch(() => '') : '';
    return {
      provider: routed.provider,
      modelId: routed.modelId,
      system: prefix.system,
      specDocuments: prefix.specDocuments,
      ...(this.options.extraTools ? { tools: [...builtinTools, ...(await this.options.extraTools(sessionId))] } : {}),
      toolContext: {
        workspace: core.workspace,
        // Every turn passes its own sink for the session's mode; this one only guards against a turn that forgot.
        changes: { write: () => Promise.reject(new Error('No edit sink for this turn')), delete: () => Promise.reject(new Error('No edit sink for this turn')) },
        secrets: new SecretPolicy(kiroignore, () => this.options.permissions?.current()),
        // Both runners launch through the OS sandbox (confined unless the command gate said otherwise).
        commands: this.options.terminals
          ? new TerminalCommandRunner(this.options.terminals, (p) => core.workspace.resolveDirectory(p), this.launcher(core))
          : new NodeCommandRunner((p) => core.workspace.resolveDirectory(p), this.launcher(core)),
        approval: this.options.approval?.(sessionId) ?? this.approvals.gateFor(sessionId),
        search: this.options.search,
      },
      store: core.store,
      prices: settings.prices,
      compaction: { contextWindowTokens: this.options.contextWindowTokens ?? contextWindowFor(routed.modelId) },
      ...(this.options.clock ? { clock: this.options.clock } : {}),
    };
  }

  private launcher(core: Core): CommandLauncher {
    return sandboxLauncher(core.workspace.resolve('.'), () => defaultCommandSandbox(this.options.userDataDir));
  }

  private ready(): Promise<Core> {
    this.core ??= (async () => {
      const workspace = await NodeWorkspace.open(this.options.root);
      return {
        workspace,
        context: new AgentContext({ workspace, ...this.options.contextPorts }),
        store: await JsonlSessionStore.open(this.options.userDataDir, this.options.root),
        checkpoints: ShadowCheckpoints.forWorkspace(this.options.userDataDir, workspace.resolve('.')),
        fallbackReview: new InMemoryReview(workspace),
      };
    })();
    return this.core;
  }

  private sessionsChanged(): void {
    void this.listSessions()
      .then((sessions) => this.options.emit('agent/sessions', { sessions }))
      .catch(() => undefined);
  }
}

/** At a turn's start, how long a server still starting is waited for (a session's creation waits up to 5 s). */
const TURN_MCP_WAIT_MS = 2000;

/**
 * The open folder's agent host (S2-TEAM promise 1): grepSearch through the Search view's engine, changesets to the
 * review service, commands through the trust service's approval (which asks the user unless trusted).
 */
export const agentHostKey = defineFolderService('agent-host', (ctx) => {
  const search = new ServiceTextSearch(searchServiceFor(ctx.workspace));
  return new AgentHost({
    root: ctx.workspace.root,
    userDataDir: ctx.userDataDir,
    emit: ctx.emit,
    search,
    review: () => ctx.scoped(changeReviewKey),
    contextPorts: {
      userSteering: new UserSteeringDir(defaultUserSteeringDir()),
      git: new WorkingTreeDiff(ctx.workspace.root, () => ctx.scoped(workspaceTrustKey).isTrusted()),
      codebase: new TermSearch(search),
      terminal: new TerminalOutput(ctx.terminals),
    },
    // executeBash runs in a visible terminal tab (TerminalService.runCommand); a headless workbench (the CLI) and
    // hosts built without terminals (tests of the agent alone) run it as a child process group.
    ...(ctx.headless ? {} : { terminals: ctx.terminals }),
    permissions: { current: () => ctx.scoped(permissionsKey).current().filePermissions(), refresh: () => ctx.scoped(permissionsKey).snapshot() },
    approval: (sessionId) => trustedApproval((request, signal) => ctx.scoped(commandApprovalKey).ask({ ...request, source: 'agent', sessionId }, signal)),
    // Hooks on prompts, tool calls and turn ends; the MCP servers' tools (none in an untrusted folder).
    lifecycle: () => ctx.scoped(agentHooksKey),
    extraTools: (sessionId, options) =>
      mcpToolsForSession(ctx.scoped(mcpServiceKey).manager, {
        sessionId,
        reserved: builtinTools.map((t) => t.name),
        permissions: mcpPermissions(ctx.scoped(permissionsKey)),
        ...(options?.turn ? { waitMs: TURN_MCP_WAIT_MS } : {}),
      }),
  });
});
