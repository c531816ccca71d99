/**
 * Inclusion edits in the steering pane. specs-schema's `setSteeringFrontMatter` makes the minimal line edit; a
 * pattern the pane writes anew is then put in the form Kiro itself writes — one double-quoted string, or an inline
 * list of them (`fileMatchPattern: ["**\/*.ts", "docs/*.md"]`) — instead of the YAML library's plain style. A
 * pattern list that did not change keeps its bytes.
 */
import { isMap, isScalar, type Pair } from 'yaml';
import { parseSteering, setSteeringFrontMatter, type SteeringFrontMatterPatch, type SteeringInclusion } from '../../../specs-schema';

export interface InclusionChange {
  inclusion: SteeringInclusion;
  fileMatchPatterns?: string[];
  name?: string | null;
  description?: string | null;
}

export type InclusionEdit = { ok: true; text: string; changed: boolean } | { ok: false; message: string };

export function applyInclusion(text: string, change: InclusionChange): InclusionEdit {
  const doc = parseSteering(text);
  const patch: SteeringFrontMatterPatch = { inclusion: change.inclusion };
  const patterns = change.fileMatchPatterns?.map((p) => p.trim()).filter(Boolean);
  const patternsChanged = patterns !== undefined && JSON.stringify(patterns) !== JSON.stringify(doc.fileMatchPatterns);
  if (patternsChanged) patch.fileMatchPattern = patterns.length === 0 ? null : patterns.length === 1 ? (patterns[0] as string) : patterns;
  if (change.name !== undefined) patch.name = change.name === null || change.name.trim() === '' ? null : change.name.trim();
  if (change.description !== undefined) patch.description = change.description === null || change.description.trim() === '' ? null : change.description.trim();
  // Keys that already hold the wanted value are left alone (no rewrite of their quoting).
  if (patch.name !== undefined && (patch.name ?? undefined) === doc.name) delete patch.name;
  if (patch.description !== undefined && (patch.description ?? undefined) === doc.description) delete patch.description;
  if (doc.inclusion === change.inclusion && doc.unknownInclusion === undefined && doc.frontMatter?.data.inclusion !== undefined) delete patch.inclusion;
  if (Object.keys(patch).length === 0) return { ok: true, text, changed: false };

  const result = setSteeringFrontMatter(doc, patch);
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error) return { ok: false, message: error.message };
  const out = patchesPatterns(patch) ? kiroPatternStyle(result.text, patterns ?? []) : result.text;
  return { ok: true, text: out, changed: out !== text };
}

const patchesPatterns = (patch: SteeringFrontMatterPatch): boolean => patch.fileMatchPattern !== undefined && patch.fileMatchPattern !== null;

/** Rewrites the `fileMatchPattern` entry (whatever lines it spans) as one line in Kiro's style. */
function kiroPatternStyle(text: string, patterns: string[]): string {
  const doc = parseSteering(text);
  const fm = doc.frontMatter;
  if (!fm || !isMap(fm.document.contents)) return text;
  const pair = (fm.document.contents.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'fileMatchPattern');
  if (!pair || !isScalar(pair.key)) return text;
  const base = doc.lines[fm.start + 1]?.offset ?? 0;
  const keyStart = base + (pair.key.range?.[0] ?? 0);
  const value = pair.value as { range?: [number, number, number] } | null;
  const valueEnd = base + (value?.range?.[1] ?? pair.key.range?.[1] ?? 0);
  // Whole lines: from the key's line start to the end of the value's last line (its line ending stays).
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const lineEndMatch = /\r\n|\n|\r|$/.exec(text.slice(Math.max(valueEnd - 1, keyStart)));
  const lineEnd = Math.max(valueEnd - 1, keyStart) + (lineEndMatch?.index ?? 0);
  const rendered = patterns.length === 1 ? JSON.stringify(patterns[0]) : `[${patterns.map((p) => JSON.stringify(p)).join(', ')}]`;
  return `${text.slice(0, lineStart)}fileMatchPattern: ${rendered}${text.slice(lineEnd)}`;
}
