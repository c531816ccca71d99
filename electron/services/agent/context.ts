import { buildContext, type Chip, type ContextPorts, type ProblemsPort } from '../../../agent/context';
import type { SecretPolicy } from '../../../agent';
import type { AgentChip, AgentProblem, AgentWorkbenchContext } from '../../../protocol';

export const SYSTEM_PROMPT = [
  "You are Keel, a coding agent working inside the user's project.",
  'Use the tools to read before you edit; paths are relative to the workspace root.',
  'Edits you make are shown to the user as a diff to review unless the session runs in Autopilot.',
  'Commands run only after the user approves them. Never read secrets (.env files, keys) unless the user attached them.',
  'Answer briefly and say what you changed.',
].join('\n');

/** Stable context a caller adds to a session (the task runner: the task's spec). */
export interface ExtraContext {
  system?: string[];
  specDocuments?: string[];
  /** A spec folder name under `.kiro/specs/`: its requirements, design and tasks join the cached prefix. */
  spec?: string;
}

/**
 * The agent's context through agent/context's buildContext: the session's cached prefix (system prompt, `always`
 * steering, AGENTS.md, spec documents) is built once per session so its bytes stay the same on every call; each
 * prompt gets the steering it selects and its chips in front of its text.
 */
export class AgentContext {
  constructor(private readonly ports: ContextPorts) {}

  async prefix(extra: ExtraContext = {}): Promise<{ system: string[]; specDocuments: string[]; problems: string[] }> {
    const built = await buildContext(this.ports, { systemPrompt: SYSTEM_PROMPT, prompt: '', ...(extra.spec ? { spec: extra.spec } : {}) });
    return {
      system: [...built.system, ...(extra.system ?? [])],
      specDocuments: [...built.specDocuments, ...(extra.specDocuments ?? [])],
      problems: built.problems.map((p) => p.message),
    };
  }

  /**
   * The user message for a prompt; `#file` chips are attached to the session's secret policy. `workbench` is what
   * the user had open: its files drive fileMatch steering, and its problems (sent with a `#problems` chip) are the
   * Problems panel's, exactly as the user saw them.
   */
  async turn(
    text: string,
    chips: readonly AgentChip[],
    secrets: SecretPolicy,
    opts: { signal?: AbortSignal; workbench?: AgentWorkbenchContext } = {},
  ): Promise<{ prompt: string; problems: { message: string; aboutSteering: boolean }[] }> {
    const { signal, workbench } = opts;
    const ports: ContextPorts = workbench?.problems ? { ...this.ports, problems: listedProblems(workbench.problems) } : this.ports;
    const filesInContext = workbench ? [...(workbench.activeFile ? [workbench.activeFile] : []), ...workbench.openFiles] : [];
    const built = await buildContext(ports, {
      systemPrompt: SYSTEM_PROMPT,
      prompt: text,
      chips: chips.flatMap(toChip),
      secrets,
      filesInContext: [...new Set(filesInContext)],
      ...(signal ? { signal } : {}),
    });
    return {
      prompt: [...built.turnContext, text].join('\n\n'),
      // Steering and include problems come back on every prompt until the file is fixed; chip problems are this prompt's.
      problems: built.problems.map((p) => ({ message: p.message, aboutSteering: p.code.startsWith('steering/') || p.code.startsWith('include/') })),
    };
  }
}

/** The chat pane's chip → agent/context's chip (a chip missing its target is dropped). */
export function toChip(c: AgentChip): Chip[] {
  const t = c.target?.trim();
  switch (c.kind) {
    case 'file':
    case 'folder':
      return t !== undefined ? [{ kind: c.kind, path: t }] : [];
    case 'spec':
    case 'steering':
      return t ? [{ kind: c.kind, name: t }] : [];
    case 'terminal':
      return [t ? { kind: 'terminal', terminal: t } : { kind: 'terminal' }];
    case 'codebase':
      return [t ? { kind: 'codebase', query: t } : { kind: 'codebase' }];
    case 'problems':
    case 'gitDiff':
      return [{ kind: c.kind }];
    case 'skill':
    case 'power':
      // Resolved by the session's custom-agent profile (custom-agents.ts), not by agent/context.
      return [];
  }
}

/** The Problems panel's list as the renderer sent it, errors first (the chip keeps the first N). */
function listedProblems(list: readonly AgentProblem[]): ProblemsPort {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...list].sort((a, b) => rank[a.severity] - rank[b.severity]);
  return { list: async () => sorted.map((p) => ({ ...p, line: Math.max(1, p.line) })) };
}
