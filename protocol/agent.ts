/**
 * The hosted agent: sessions, prompts, streamed turns, settings (issue #6). Owned by the agent host.
 * Channels are added here and spread into the contract by protocol/contract.ts.
 *
 * Streaming: every session streams one event channel, `agent/event`, whose payload carries a per-session `seq`
 * (1, 2, 3, …). After a reload the chat pane calls `agent/history` (all events so far + `lastSeq`) and ignores live
 * events with `seq <= lastSeq`, so nothing is shown twice or lost while it reattaches.
 */
import { z } from 'zod';
import { RelPath } from './workspace';

export const AgentSessionId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'invalid session id');
export const AgentRole = z.enum(['planner', 'executor']);
export type AgentRole = z.infer<typeof AgentRole>;
/** Supervised: edits wait in a changeset for review. Autopilot: edits land at once, behind a checkpoint. */
export const AgentMode = z.enum(['supervised', 'autopilot']);
export type AgentMode = z.infer<typeof AgentMode>;

export const AgentUsage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});
export type AgentUsage = z.infer<typeof AgentUsage>;

/** Tokens and their cost; `costUsd` is null when the model has no entry in the price table. */
export const AgentCost = z.object({ usage: AgentUsage, costUsd: z.number().nullable() });
export type AgentCost = z.infer<typeof AgentCost>;

export const AgentSessionInfo = z.object({
  id: AgentSessionId,
  title: z.string(),
  role: AgentRole,
  mode: AgentMode,
  modelId: z.string(),
  createdAt: z.string(),
  /** Loaded in a tab (false = saved on disk only; `agent/openSession` brings it back). */
  open: z.boolean(),
  /** A turn is running now. */
  running: z.boolean(),
  totals: AgentCost,
  /** The custom agent (`.kiro/agents/*.md`) the session runs under from its next turn; absent = Keel's default agent. */
  customAgent: z.string().optional(),
});
export type AgentSessionInfo = z.infer<typeof AgentSessionInfo>;

/** A context chip the user attached to a prompt (`#file src/a.ts`, `#spec auth`, `#codebase`…). */
export const AgentChip = z.object({
  kind: z.enum(['file', 'folder', 'spec', 'steering', 'terminal', 'problems', 'gitDiff', 'codebase', 'skill', 'power']),
  /** The path, spec folder, steering name or terminal id (the pane fills in the active terminal); absent for problems / gitDiff / codebase. */
  target: z.string().max(4096).optional(),
});
export type AgentChip = z.infer<typeof AgentChip>;

/** One diagnostic as the Problems panel shows it (1-based positions), sent with a prompt that has `#problems`. */
export const AgentProblem = z.object({
  path: z.string().max(4096),
  line: z.number().int().min(0),
  column: z.number().int().min(0).optional(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().max(4000),
  /** Who reported it (`specs`, a linter's name). */
  source: z.string().max(200).optional(),
});
export type AgentProblem = z.infer<typeof AgentProblem>;

/**
 * What the user has in front of them when sending a prompt: the open editor tabs and the active one (fileMatch
 * steering includes files that match them), and — only with a `#problems` chip — the Problems panel's list.
 */
export const AgentWorkbenchContext = z.object({
  openFiles: z.array(z.string().min(1).max(4096)).max(500).default([]),
  activeFile: z.string().min(1).max(4096).optional(),
  problems: z.array(AgentProblem).max(2000).optional(),
});
export type AgentWorkbenchContext = z.infer<typeof AgentWorkbenchContext>;

export const AgentFileCount = z.object({
  path: RelPath,
  kind: z.enum(['add', 'modify', 'delete']),
  added: z.number(),
  removed: z.number(),
});
export type AgentFileCount = z.infer<typeof AgentFileCount>;

export const AgentErrorInfo = z.object({
  /** throttled, server, accessDenied, modelNotEnabled, endpoint, validation, aborted, streamCut. */
  kind: z.string(),
  /** Says what to do next ("Enable the model in the Bedrock console …"); shown verbatim. */
  message: z.string(),
});
export type AgentErrorInfo = z.infer<typeof AgentErrorInfo>;

export const AgentStopReason = z.enum(['end_turn', 'tool_use', 'max_tokens', 'stop_sequence', 'content_filtered', 'other', 'aborted', 'error', 'max_rounds']);
export type AgentStopReason = z.infer<typeof AgentStopReason>;

/** What a session streams. Tool inputs are the model's JSON; tool outputs are cut to their last 20,000 characters. */
export const AgentStreamEvent = z.discriminatedUnion('type', [
  /** The user's prompt, echoed so every window (and a reload) shows it. */
  z.object({ type: z.literal('turnStart'), turn: z.number(), text: z.string(), chips: z.array(AgentChip), checkpointId: z.string().optional() }),
  z.object({ type: z.literal('textDelta'), text: z.string() }),
  /** The text streamed since the last completed answer is void; the call is being retried after `delayMs`. */
  z.object({ type: z.literal('retry'), attempt: z.number(), delayMs: z.number(), error: AgentErrorInfo }),
  z.object({ type: z.literal('toolStart'), toolUseId: z.string(), name: z.string(), input: z.unknown() }),
  /** Live output of a running tool (executeBash). */
  z.object({ type: z.literal('toolOutput'), toolUseId: z.string(), chunk: z.string() }),
  z.object({
    type: z.literal('toolEnd'),
    toolUseId: z.string(),
    name: z.string(),
    status: z.enum(['success', 'error']),
    output: z.string(),
    /** The result came from the ledger (a retried or resumed turn), the tool did not run again. */
    reused: z.boolean(),
    /** How long the tool ran (absent for sessions saved before it was recorded; 0 when blocked or reused). */
    durationMs: z.number().optional(),
    /** A hook (preToolUse) blocked the call with this reason: the tool did not run, the model got the reason. */
    blocked: z.string().optional(),
  }),
  /** executeBash waits for the user (only while the trust service is not wired): answer with `agent/answerCommand`. */
  z.object({ type: z.literal('commandApproval'), requestId: z.string(), command: z.string(), cwd: z.string() }),
  z.object({ type: z.literal('commandApprovalDone'), requestId: z.string() }),
  /** After every model call: that call, the turn so far and the whole session. */
  z.object({ type: z.literal('usage'), modelId: z.string(), call: AgentUsage, turn: AgentCost, session: AgentCost }),
  /**
   * The turn's file changes. Supervised: registered for review (`applied: false`, open the review with the id).
   * Autopilot: already on disk (`applied: true`), undo with `agent/restoreCheckpoint`.
   */
  z.object({ type: z.literal('changeset'), changesetId: z.string(), applied: z.boolean(), files: z.array(AgentFileCount) }),
  /** The review of a changeset ended (applied, partial, rejected, discarded). */
  z.object({ type: z.literal('changesetSettled'), changesetId: z.string(), status: z.string() }),
  z.object({ type: z.literal('turnEnd'), stopReason: AgentStopReason, error: AgentErrorInfo.optional() }),
  /** Something about the prompt's context the user should know (a missing #[[file:]] include, a refused secret, a chip not available here). */
  z.object({ type: z.literal('notice'), message: z.string() }),
  /**
   * Near the model's context window the oldest `summarizedMessages` messages were replaced by a summary: the pane
   * still shows them, the model sees the summary from here on.
   */
  z.object({ type: z.literal('compacted'), summarizedMessages: z.number(), tokensBefore: z.number().optional(), tokensAfter: z.number().optional() }),
  /** Files and conversation were rolled back to the checkpoint taken before turn `turn`. */
  z.object({ type: z.literal('restored'), checkpointId: z.string(), turn: z.number() }),
]);
export type AgentStreamEvent = z.infer<typeof AgentStreamEvent>;

const Price = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
});
/** USD per million tokens by model id (inference-profile prefixes like `us.` are ignored when looking up). */
export const AgentPriceTable = z.record(z.string().min(1).max(200), Price);
export type AgentPriceTable = z.infer<typeof AgentPriceTable>;

const RoleChoice = z.object({ provider: z.enum(['bedrock', 'openai']), model: z.string().max(300) });

/** The settings as the view edits them; the host validates fields (region format, URLs) and names the bad one. */
export const AgentSettingsWire = z.object({
  bedrock: z.object({ region: z.string().max(50), profile: z.string().max(200).optional(), endpoint: z.string().max(2000).optional() }),
  openai: z.object({ baseURL: z.string().max(2000), apiKey: z.string().max(2000).optional() }),
  roles: z.object({ planner: RoleChoice, executor: RoleChoice }),
  prices: AgentPriceTable,
  mode: AgentMode,
});
export type AgentSettingsWire = z.infer<typeof AgentSettingsWire>;

/** A custom agent as the chat's picker and `keel agents list` show it. */
export const CustomAgentInfo = z.object({
  name: z.string(),
  description: z.string().optional(),
  model: z.string().optional(),
  /** Workspace-relative, or `~/.kiro/agents/…` for the user's. */
  path: z.string(),
  source: z.enum(['workspace', 'user']),
  /** Keel tools the agent gets (with the MCP servers running now). */
  tools: z.array(z.string()),
  /** Unknown keys and tool names, tools Keel does not have, a file that could not be read fully. */
  warnings: z.array(z.string()),
  /** The file has errors (broken front matter): it can still be picked, its prompt is the file's body. */
  errors: z.array(z.string()),
});
export type CustomAgentInfo = z.infer<typeof CustomAgentInfo>;

export const SkillInfo = z.object({ name: z.string(), description: z.string().optional(), path: z.string(), source: z.enum(['workspace', 'user']) });
export type SkillInfo = z.infer<typeof SkillInfo>;
export const PowerInfo = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  keywords: z.array(z.string()),
  path: z.string(),
  source: z.enum(['workspace', 'user']),
  /** MCP servers of its mcp.json (started under the same trust rules as mcp.json servers). */
  mcpServers: z.array(z.string()),
});
export type PowerInfo = z.infer<typeof PowerInfo>;

const Empty = z.object({});
const BySession = z.object({ sessionId: AgentSessionId });

export const agentRequests = {
  /** Every saved session of this workspace, newest first (`open` = shown in a tab). */
  'agent/listSessions': { request: Empty, response: z.array(AgentSessionInfo) },
  /** A new session; role defaults to executor, mode to the settings' mode. */
  'agent/createSession': {
    request: z.object({ role: AgentRole.default('executor'), title: z.string().max(200).optional(), mode: AgentMode.optional() }),
    response: AgentSessionInfo,
  },
  /** Loads a saved session into a tab again (after a restart or a close). */
  'agent/openSession': { request: BySession, response: AgentSessionInfo },
  /** Stops a running turn and unloads the session; its file stays, so it can be opened again. */
  'agent/closeSession': { request: BySession, response: Empty },
  /** Reattach: every event of the session so far; live events with `seq <= lastSeq` are already included. */
  'agent/history': {
    request: BySession,
    response: z.object({ session: AgentSessionInfo, events: z.array(AgentStreamEvent), lastSeq: z.number() }),
  },
  /** Starts a turn and returns at once; the turn streams as `agent/event`. CONFLICT when a turn is running. */
  'agent/prompt': {
    request: z.object({
      sessionId: AgentSessionId,
      text: z.string().min(1).max(200_000),
      chips: z.array(AgentChip).max(50).default([]),
      workbench: AgentWorkbenchContext.optional(),
    }),
    response: z.object({ turn: z.number() }),
  },
  /** Aborts the model stream and any running tool (the turn ends with stopReason `aborted`). */
  'agent/stop': { request: BySession, response: Empty },
  /** Custom agents, skills and powers of the workspace and the user (`~/.kiro`); a workspace file wins by name. */
  'agent/customAgents': {
    request: Empty,
    response: z.object({ agents: z.array(CustomAgentInfo), skills: z.array(SkillInfo), powers: z.array(PowerInfo), problems: z.array(z.string()) }),
  },
  /** Runs the session under a custom agent (null = Keel's default) from its next turn, as Kiro 1.0 switches mid-session. */
  'agent/setCustomAgent': { request: z.object({ sessionId: AgentSessionId, agent: z.string().min(1).max(300).nullable() }), response: AgentSessionInfo },
  /** Supervised / Autopilot for this session's next tool runs. */
  'agent/setMode': { request: z.object({ sessionId: AgentSessionId, mode: AgentMode }), response: AgentSessionInfo },
  /** Rolls files and conversation back to before the turn that took the checkpoint. */
  'agent/restoreCheckpoint': { request: z.object({ sessionId: AgentSessionId, checkpointId: z.string().regex(/^[0-9a-f]{7,64}$/) }), response: Empty },
  /** Answers a `commandApproval` event. `modify` runs `command` instead. */
  'agent/answerCommand': {
    request: z.object({
      requestId: z.string().min(1).max(100),
      decision: z.enum(['run', 'runAndTrust', 'modify', 'reject']),
      command: z.string().max(100_000).optional(),
      reason: z.string().max(2000).optional(),
    }),
    response: Empty,
  },
  /** The saved settings (defaults filled in); `endpointOverride` is KEEL_BEDROCK_ENDPOINT when the host has it. */
  'agent/getSettings': {
    request: Empty,
    response: z.object({
      settings: AgentSettingsWire,
      endpointOverride: z.string().optional(),
      /** Why the saved file is not in use (broken JSON, a bad field): defaults stand in until the user saves. */
      problems: z.array(z.string()).default([]),
    }),
  },
  /** Validates and saves; BAD_REQUEST names the first bad field. Running sessions keep their model until reopened. */
  'agent/setSettings': { request: z.object({ settings: AgentSettingsWire }), response: z.object({ settings: AgentSettingsWire }) },
  /** One tiny model call for a role with the given (possibly unsaved) settings; never retried. */
  'agent/testConnection': {
    request: z.object({ role: AgentRole, settings: AgentSettingsWire.optional() }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), modelId: z.string(), reply: z.string() }),
      z.object({ ok: z.literal(false), kind: z.string(), message: z.string() }),
    ]),
  },
  /** The price table the token/cost meter uses. */
  'agent/prices': { request: Empty, response: z.object({ prices: AgentPriceTable }) },
} as const;

export const agentEvents = {
  /** One step of a session's turn, in order (`seq` counts per session from 1). */
  'agent/event': z.object({ sessionId: AgentSessionId, seq: z.number(), event: AgentStreamEvent }),
  /** A session was created, opened, closed, renamed or started/finished a turn. */
  'agent/sessions': z.object({ sessions: z.array(AgentSessionInfo) }),
} as const;
