/**
 * One prompt's context. The result splits in two on purpose:
 * - `system` (system prompt, `always` steering, AGENTS.md) and `specDocuments` are the cached prefix: the same
 *   files give the same bytes, whatever the prompt says;
 * - `turnContext` (fileMatch / manual / auto steering that this prompt selects, and the chips) goes into the user
 *   message before the prompt text, so it never disturbs the prefix.
 */
import { SecretPolicy } from '../tools/secrets';
import { mergeChips, promptWithoutChips, type Chip } from './chips-parse';
import { resolveChip } from './chips-resolve';
import { resolveIncludes } from './includes';
import { DEFAULT_LIMITS, type ContextLimits } from './limits';
import type { ContextPorts, ContextProblem } from './ports';
import { renderSteering, steeringBody, tagged } from './render';
import { confineRelative } from './workspace-path';
import { readSpecDocuments, specDir } from './spec-docs';
import { loadSteering, type SteeringEntry, type SteeringSource } from './steering-load';
import { effectiveInclusion, selectSteering, steeringNames, type Placement, type SelectedSteering } from './steering-select';

export interface BuildContextInput {
  systemPrompt: string;
  prompt: string;
  /** Chips from the chat pane; chips written inline in the prompt are found too. */
  chips?: readonly Chip[];
  /** Files in context for fileMatch (active editor, open tabs). `#file` chips are added. */
  filesInContext?: readonly string[];
  /** The session's spec (task runner, spec chat): its documents become `specDocuments`. */
  spec?: string;
  /**
   * The session's secret policy: `#file` chips are attached to it, so the agent's tools may read them later too.
   * Without one, a policy is built from `.kiroignore`.
   */
  secrets?: SecretPolicy;
  /** Steering already loaded (e.g. by a watcher-driven cache); loaded from the ports when absent. */
  steering?: readonly SteeringEntry[];
  limits?: Partial<ContextLimits>;
  signal?: AbortSignal;
}

export interface IncludedSteering {
  name: string;
  path: string;
  source: SteeringSource;
  inclusion: string;
  placement: Placement;
  reason: string;
}

export interface BuiltContext {
  system: string[];
  specDocuments: string[];
  /** Blocks to put before the prompt text in this turn's user message (may be empty). */
  turnContext: string[];
  steering: IncludedSteering[];
  /** Workspace files the user attached with `#file` (readable by the agent although they may look secret). */
  attached: string[];
  problems: ContextProblem[];
}

export async function buildContext(ports: ContextPorts, input: BuildContextInput): Promise<BuiltContext> {
  const problems: ContextProblem[] = [];
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const secrets = input.secrets ?? new SecretPolicy(await readKiroignore(ports));
  const entries = input.steering ?? (await loadSteering(ports, problems));
  const chips = mergeChips(input.chips ?? [], input.prompt);
  const attached = chips.flatMap((c) => {
    const confined = c.kind === 'file' ? confineRelative(c.path) : undefined;
    return confined && 'path' in confined ? [confined.path] : [];
  });
  const requested = chips.flatMap((c) => (c.kind === 'steering' ? [c.name] : []));
  for (const name of requested) {
    const n = name.toLowerCase().replace(/\.md$/i, '');
    if (!entries.some((e) => steeringNames(e).some((x) => x.toLowerCase() === n))) {
      problems.push({ code: 'chip/missing', message: `#steering:${name}: there is no steering file with that name.` });
    }
  }
  for (const e of entries) {
    const error = e.doc.diagnostics.find((d) => d.severity === 'error');
    if (error) problems.push({ code: 'steering/invalid', path: e.path, message: `${e.path}: ${error.message} It is included as if its inclusion were always.` });
  }

  const selected = selectSteering(entries, { prompt: input.prompt, filesInContext: [...(input.filesInContext ?? []), ...attached], requested });
  const render = async (s: SelectedSteering): Promise<string> =>
    renderSteering(s, await resolveIncludes(steeringBody(s.entry), s.entry.path, { workspace: ports.workspace, secrets, maxChars: limits.includeChars, problems }));

  const system = [input.systemPrompt];
  const turnContext: string[] = [];
  for (const s of selected) (s.placement === 'system' ? system : turnContext).push(await render(s));

  const specDocuments: string[] = [];
  if (input.spec !== undefined) {
    const dir = specDir(input.spec);
    const docs = 'error' in dir ? [] : await readSpecDocuments(ports.workspace, dir.path);
    if (!docs.length) problems.push({ code: 'chip/missing', message: `Spec ${input.spec}: no spec documents found.` });
    for (const d of docs) specDocuments.push(tagged('spec-document', { path: d.path }, d.text));
  }

  const query = promptWithoutChips(input.prompt);
  for (const chip of chips) {
    if (chip.kind === 'steering') continue;
    const block = await resolveChip(chip, { ports, secrets, limits, problems, query, ...(input.signal ? { signal: input.signal } : {}) });
    if (block !== undefined) turnContext.push(block);
  }

  return {
    system,
    specDocuments,
    turnContext,
    steering: selected.map((s) => ({ name: s.entry.name, path: s.entry.path, source: s.entry.source, inclusion: effectiveInclusion(s.entry), placement: s.placement, reason: s.reason })),
    attached,
    problems,
  };
}

async function readKiroignore(ports: ContextPorts): Promise<string> {
  const stat = await ports.workspace.stat('.kiroignore').catch(() => undefined);
  return stat?.type === 'file' ? await ports.workspace.readFile('.kiroignore').catch(() => '') : '';
}
