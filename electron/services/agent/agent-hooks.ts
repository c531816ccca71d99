import { defineFolderService } from '../app/folder-service';
import type { AgentEventOptions } from '../hooks/hooks-engine';
import type { HookRun, ToolGate, ToolUse } from '../hooks/hook-types';
import type { AgentLifecycle, AgentStopEvent, PromptSubmitEvent, PromptSubmitOutcome, ToolCallDone, ToolCallEvent } from './lifecycle';
import { mcpToolServer } from './mcp-tools';

/** The slice of the hooks engine the agent's lifecycle drives. */
export interface AgentHookEngine {
  promptSubmitted(prompt: string, options?: AgentEventOptions): Promise<HookRun[]>;
  /** Kiro 1.0's SessionStart hooks (optional: engines without them skip it). */
  sessionStarted?(options?: AgentEventOptions): Promise<HookRun[]>;
  agentStopped(options?: AgentEventOptions): Promise<HookRun[]>;
  preToolUse(tool: ToolUse, options?: AgentEventOptions): Promise<ToolGate>;
  postToolUse(tool: ToolUse, options?: AgentEventOptions): Promise<HookRun[]>;
}

/** Kiro's `toolTypes` categories for the built-in tools; an MCP tool's category is its server's name. */
const CATEGORY: Record<string, string> = {
  readFile: 'read',
  listDirectory: 'read',
  fileSearch: 'read',
  grepSearch: 'read',
  fsWrite: 'write',
  strReplace: 'write',
  deleteFile: 'write',
  executeBash: 'shell',
  taskStatus: 'spec',
};

export function toolCategory(name: string): string | undefined {
  return CATEGORY[name] ?? mcpToolServer(name);
}

/** Hook output longer than this is cut before it joins the prompt (the run log keeps it all). */
const MAX_CONTEXT = 8_000;

/**
 * The agent's lifecycle (electron/services/agent/lifecycle.ts) feeding the open folder's hooks engine:
 * - promptSubmit: the prompt reaches runCommand hooks as `USER_PROMPT`; what they print (exit 0), or their error
 *   (any other exit), and askAgent hooks' prompts ("Add to prompt") join the prompt the model receives;
 * - preToolUse: a failing, timed-out or blocking hook stops the call, and the model reads the hook's reason;
 * - postToolUse and agentStop: the matching hooks run (awaited, so a formatter ends before the next tool).
 * A turn that an askAgent hook started fires only runCommand hooks, and no promptSubmit/agentStop hooks at all,
 * so hooks cannot set off agent turns in a loop. Until the hooks service connects (and in an untrusted folder,
 * where the engine refuses every run) nothing runs.
 */
export class AgentHooks implements AgentLifecycle {
  private engine: Promise<AgentHookEngine> | undefined;
  private readonly hookSessions = new Set<string>();

  /** The hooks service hands over its engine when it starts. */
  connect(engine: Promise<AgentHookEngine>): void {
    this.engine = engine;
  }

  /** A session an askAgent hook created for its turn. */
  markHookSession(sessionId: string): void {
    this.hookSessions.add(sessionId);
  }

  async promptSubmit(e: PromptSubmitEvent): Promise<PromptSubmitOutcome | void> {
    const engine = await this.engine;
    if (!engine || this.hookSessions.has(e.session.id)) return;
    const session = { sessionId: e.session.id };
    // A session's first prompt is its start: SessionStart hooks go first, and what they say joins this prompt too.
    const started = e.turn === 1 && engine.sessionStarted ? await engine.sessionStarted(session) : [];
    const runs = [...started, ...(await engine.promptSubmitted(e.prompt, session))];
    const context = runs.flatMap((run) => promptContext(run));
    return context.length ? { context } : undefined;
  }

  async preToolUse(e: ToolCallEvent): Promise<{ block?: string } | void> {
    const engine = await this.engine;
    if (!engine) return;
    const gate = await engine.preToolUse(toolUse(e), this.options(e.session.id));
    return gate.allowed ? undefined : { block: gate.reason ?? 'a preToolUse hook refused it' };
  }

  async postToolUse(e: ToolCallDone): Promise<void> {
    const engine = await this.engine;
    if (!engine) return;
    await engine.postToolUse({ ...toolUse(e), response: e.output }, this.options(e.session.id));
  }

  async agentStop(e: AgentStopEvent): Promise<void> {
    const engine = await this.engine;
    // Stop pressed by the user is not the agent finishing its work: "run the tests when done" should not fire.
    if (!engine || this.hookSessions.has(e.session.id) || e.stopReason === 'aborted') return;
    await engine.agentStopped({ sessionId: e.session.id });
  }

  private options(sessionId: string): AgentEventOptions {
    return this.hookSessions.has(sessionId) ? { commandsOnly: true, nested: true, sessionId } : { sessionId };
  }
}

function toolUse(e: ToolCallEvent): ToolUse {
  const category = toolCategory(e.name);
  return { name: e.name, ...(category ? { category } : {}), input: e.input };
}

/** What one promptSubmit run adds to the prompt (Kiro: stdout on success, the error otherwise). */
export function promptContext(run: HookRun): string[] {
  const output = cut(run.output.trim());
  if (run.status === 'succeeded') {
    if (!output) return [];
    return [run.action === 'askAgent' ? output : `Output of the hook "${run.hookName}":\n${output}`];
  }
  if (run.status === 'failed' || run.status === 'timedOut') {
    return [`The hook "${run.hookName}" returned an error (${run.reason ?? run.status})${output ? `:\n${output}` : '.'}`];
  }
  // blocked (untrusted folder, unapproved file) and cancelled runs add nothing.
  return [];
}

function cut(text: string): string {
  return text.length > MAX_CONTEXT ? `${text.slice(0, MAX_CONTEXT)}\n… (cut)` : text;
}

/**
 * The open folder's agent lifecycle. The agent host reads it (`lifecycle: () => ctx.scoped(agentHooksKey)`); the
 * hooks service connects its engine when it starts — this way round, the agent host never imports the hooks
 * service (which itself needs the agent host for askAgent hooks).
 */
export const agentHooksKey = defineFolderService('agent-hooks', () => new AgentHooks());
