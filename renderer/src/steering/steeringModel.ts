/** The steering pane's pure logic: grouping, the inclusion draft and its validation, pattern input parsing. */
import type { FileChange, SteeringFileInfo, SteeringInclusion, SteeringRef } from '../../../protocol';
import { splitPatternList } from '../../../specs-schema';

export const INCLUSIONS: { value: SteeringInclusion; label: string; hint: string }[] = [
  { value: 'always', label: 'Always', hint: 'In every prompt.' },
  { value: 'fileMatch', label: 'File match', hint: 'When a file matching a pattern is in context.' },
  { value: 'manual', label: 'Manual', hint: 'Only when you write #name in the chat.' },
  { value: 'auto', label: 'Auto', hint: 'When the prompt is about its name or description.' },
];

export const keyOf = (f: SteeringRef): string => `${f.source}:${f.path}`;

/** Changes that can alter the list: anything under `.kiro/steering`, the `.kiro` folder itself, or AGENTS.md. */
export function touchesSteering(changes: readonly FileChange[]): boolean {
  return changes.some((c) => /^(\.kiro(\/steering(\/|$)|$)|AGENTS\.md$)/.test(c.path));
}

export interface SteeringGroups {
  workspace: SteeringFileInfo[];
  user: SteeringFileInfo[];
  agents: SteeringFileInfo[];
}

export function groupFiles(files: readonly SteeringFileInfo[]): SteeringGroups {
  return {
    workspace: files.filter((f) => f.source === 'workspace'),
    user: files.filter((f) => f.source === 'user'),
    agents: files.filter((f) => f.source === 'agents'),
  };
}

export interface InclusionDraft {
  inclusion: SteeringInclusion;
  /** As typed: one pattern per line, or several separated by commas. */
  patterns: string;
  name: string;
  description: string;
}

export function draftFrom(file: SteeringFileInfo): InclusionDraft {
  return { inclusion: file.inclusion, patterns: file.fileMatchPatterns.join('\n'), name: file.frontName ?? '', description: file.description ?? '' };
}

/** Patterns from the text box: lines, then commas outside `{…}` (so `*.{ts,tsx}` stays one pattern). */
export function parsePatterns(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => splitPatternList(line));
}

/** What the file says now vs the draft; unknown or missing inclusion on disk counts as a difference. */
export function draftChanged(draft: InclusionDraft, file: SteeringFileInfo): boolean {
  if (draft.inclusion !== file.inclusion || file.unknownInclusion !== undefined || !file.hasFrontMatter) return true;
  if (draft.inclusion === 'fileMatch' && parsePatterns(draft.patterns).join('\n') !== file.fileMatchPatterns.join('\n')) return true;
  if (draft.inclusion === 'auto' && (draft.name.trim() !== (file.frontName ?? '') || draft.description.trim() !== (file.description ?? ''))) return true;
  return false;
}

/** Why the draft cannot be saved, or null. */
export function draftProblem(draft: InclusionDraft): string | null {
  if (draft.inclusion === 'fileMatch' && parsePatterns(draft.patterns).length === 0) return 'Add at least one pattern, e.g. src/**/*.ts or *.py.';
  if (draft.inclusion === 'auto' && !draft.description.trim()) return 'Auto needs a description: the agent includes the file when a prompt is about it.';
  return null;
}

/** The request body for steering/setInclusion (only the keys that inclusion uses). */
export function inclusionRequest(file: SteeringRef, draft: InclusionDraft) {
  return {
    file: { source: file.source, path: file.path },
    inclusion: draft.inclusion,
    ...(draft.inclusion === 'fileMatch' ? { fileMatchPatterns: parsePatterns(draft.patterns) } : {}),
    ...(draft.inclusion === 'auto' ? { name: draft.name.trim() || null, description: draft.description.trim() } : {}),
  };
}

/** The first error the parser reported, for the inline message (the file is never rewritten while it has one). */
export function frontMatterError(file: SteeringFileInfo): { line: number; message: string } | undefined {
  const d = file.diagnostics.find((x) => x.severity === 'error');
  return d ? { line: d.line + 1, message: d.message } : undefined;
}
