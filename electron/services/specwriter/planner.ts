/**
 * One phase written by the planner role: the model and provider the user routed to `planner` in the agent
 * settings, the project's steering in the system prompt, and only the read-only tools, so it can look at the code
 * but never change it. Each phase is a fresh one-turn conversation whose prompt carries everything it builds on,
 * which keeps a phase's output a function of the approved documents (and makes Refine regenerate just that phase).
 */
import { AgentSession, builtinTools, routeRole, SecretPolicy, type TextSearch, type TurnStopReason } from '../../../agent';
import { buildContext, type UserSteeringPort } from '../../../agent/context';
import { NodeWorkspace } from '../../../agent/node';
import { loadAgentSettings } from '../agent/settings-store';
import { StreamedDocument } from './document-text';
import { PLANNER_SYSTEM_PROMPT } from './prompts';

export interface PlannerRun {
  prompt: string;
  signal: AbortSignal;
  /** The document so far, after every text delta. */
  onText(text: string): void;
}

export interface PlannerResult {
  stopReason: TurnStopReason;
  /** The document the model wrote (from its title line on). */
  text: string;
  error?: string;
}

export interface Planner {
  write(run: PlannerRun): Promise<PlannerResult>;
}

const READ_ONLY_TOOLS = new Set(['readFile', 'listDirectory', 'fileSearch', 'grepSearch']);

export interface AgentPlannerOptions {
  root: string;
  userDataDir: string;
  search?: TextSearch;
  userSteering?: UserSteeringPort;
  env?: Record<string, string | undefined>;
  /** Static credentials (tests); the SDK's default chain otherwise. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class AgentPlanner implements Planner {
  constructor(private readonly options: AgentPlannerOptions) {}

  async write(run: PlannerRun): Promise<PlannerResult> {
    const { root, userDataDir, env } = this.options;
    const workspace = await NodeWorkspace.open(root);
    const { settings } = await loadAgentSettings(userDataDir);
    const routed = routeRole(settings, 'planner', env ?? process.env, this.options.credentials ? { credentials: this.options.credentials } : {});
    const ports = { workspace, ...(this.options.userSteering ? { userSteering: this.options.userSteering } : {}) };
    const context = await buildContext(ports, { systemPrompt: PLANNER_SYSTEM_PROMPT, prompt: run.prompt, signal: run.signal });
    const kiroignore = (await workspace.stat('.kiroignore')) ? await workspace.readFile('.kiroignore').catch(() => '') : '';
    const refuse = () => Promise.reject(new Error('The planner only reads; it cannot change files.'));
    const session = await AgentSession.create({
      provider: routed.provider,
      modelId: routed.modelId,
      system: context.system,
      tools: builtinTools.filter((t) => READ_ONLY_TOOLS.has(t.name)),
      toolContext: { workspace, changes: { write: refuse, delete: refuse }, secrets: new SecretPolicy(kiroignore), ...(this.options.search ? { search: this.options.search } : {}) },
      prices: settings.prices,
      maxRounds: 25,
    });
    const doc = new StreamedDocument();
    let shown = '';
    const result = await session.runTurn([...context.turnContext, run.prompt].join('\n\n'), {
      signal: run.signal,
      onEvent: (e) => {
        if (e.type === 'textDelta') doc.append(e.text);
        else if (e.type === 'toolStart') doc.toolCalled();
        else return;
        const now = doc.text();
        if (now !== shown) run.onText((shown = now));
      },
    });
    const finished = result.stopReason === 'end_turn' || result.stopReason === 'max_tokens';
    return { stopReason: result.stopReason, text: doc.text(finished), ...(result.error ? { error: result.error.message } : {}) };
  }
}
