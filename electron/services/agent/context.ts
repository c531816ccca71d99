import { buildContext, type Chip, type ContextPorts } from '../../../agent/context';
import type { SecretPolicy } from '../../../agent';
import type { AgentChip } from '../../../protocol';

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

  /** The user message for a prompt; `#file` chips are attached to the session's secret policy. */
  async turn(text: string, chips: readonly AgentChip[], secrets: SecretPolicy, signal?: AbortSignal): Promise<{ prompt: string; problems: string[] }> {
    const built = await buildContext(this.ports, { systemPrompt: SYSTEM_PROMPT, prompt: text, chips: chips.flatMap(toChip), secrets, ...(signal ? { signal } : {}) });
    return { prompt: [...built.turnContext, text].join('\n\n'), problems: built.problems.map((p) => p.message) };
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
  }
}
