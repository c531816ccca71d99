/**
 * Which steering files go into a prompt's context, and where. `always` files and AGENTS.md go into the system
 * blocks (the cached prefix, identical on every turn); `fileMatch`, `manual` and `auto` files depend on the prompt,
 * so they travel with that turn's user message and never disturb the prefix.
 */
import type { SteeringInclusion } from '../../specs-schema';
import { autoMatch } from './auto-match';
import { compilePatterns, firstMatchingPattern } from './globs';
import type { SteeringEntry } from './steering-load';

export type Placement = 'system' | 'turn';

export interface SelectedSteering {
  entry: SteeringEntry;
  placement: Placement;
  /** Plain words for the UI: why this file is in the context. */
  reason: string;
}

export interface SelectionInput {
  prompt: string;
  /** Workspace-relative files in context (open editors, attached files) for fileMatch. */
  filesInContext: readonly string[];
  /** Names requested with a `#steering:name` chip. */
  requested?: readonly string[];
}

export function effectiveInclusion(entry: SteeringEntry): SteeringInclusion {
  return entry.source === 'agents' ? 'always' : entry.doc.inclusion;
}

export function selectSteering(entries: readonly SteeringEntry[], input: SelectionInput): SelectedSteering[] {
  const requested = new Set((input.requested ?? []).map((n) => n.toLowerCase().replace(/\.md$/i, '')));
  const out: SelectedSteering[] = [];
  for (const entry of entries) {
    const inclusion = effectiveInclusion(entry);
    if (inclusion === 'always') {
      out.push({ entry, placement: 'system', reason: entry.source === 'agents' ? 'AGENTS.md is always included' : 'inclusion: always' });
      continue;
    }
    const reason = turnReason(entry, inclusion, input, requested);
    if (reason) out.push({ entry, placement: 'turn', reason });
  }
  return out;
}

function turnReason(entry: SteeringEntry, inclusion: SteeringInclusion, input: SelectionInput, requested: Set<string>): string | undefined {
  if (steeringNames(entry).some((n) => requested.has(n.toLowerCase()))) return 'attached with #steering';
  if (mentionsManual(input.prompt, entry)) return `#${entry.name} in the prompt`;
  if (inclusion === 'fileMatch') {
    const match = compilePatterns(entry.doc.fileMatchPatterns);
    const file = input.filesInContext.find(match);
    if (file) return `${file} matches ${firstMatchingPattern(entry.doc.fileMatchPatterns, file) ?? 'its pattern'}`;
  }
  if (inclusion === 'auto') {
    const names = steeringNames(entry);
    const why = autoMatch(input.prompt, names, entry.doc.description);
    if (why) return `auto: ${why}`;
  }
  return undefined;
}

/**
 * `#name` (or `#name.md`) in the prompt, as its own token: `#product,` counts, `#productivity` and `#file:x` do not.
 * Any steering file can be pulled in this way, not only `manual` ones.
 */
export function mentionsManual(prompt: string, entry: SteeringEntry): boolean {
  const names = steeringNames(entry);
  return names.some((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?:^|[\\s(\\[{,;!?"'])#${escaped}(?:\\.md)?(?=$|[\\s)\\]},;!?"']|[.:](?:\\s|$))`, 'i').test(prompt);
  });
}

/** Names a steering file answers to: its name, its file name when it sits in a sub-folder, its front matter name. */
export function steeringNames(entry: SteeringEntry): string[] {
  const base = entry.name.slice(entry.name.lastIndexOf('/') + 1);
  return [...new Set([entry.name, base, ...(entry.doc.name ? [entry.doc.name] : [])])];
}
