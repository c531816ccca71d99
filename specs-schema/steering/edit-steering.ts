/**
 * Steering edits: set inclusion, fileMatchPattern, name or description by replacing only that key's lines in the
 * front matter (other keys, comments and quoting untouched). `null` removes a key; a file without front matter
 * gets one.
 */
import { Document, isMap, isScalar, isSeq, type Pair, type Scalar } from 'yaml';
import { diag } from '../diagnostics';
import { SteeringFrontMatterSchema, type SteeringInclusion } from '../schemas/steering-schema';
import { applyLineEdits, unchanged, type EditResult, type LineEdit } from '../text/edits';
import { joinLines, offsetToPosition, type SourceLine } from '../text/lines';
import type { SteeringDoc } from './parse-steering';

export interface SteeringFrontMatterPatch {
  inclusion?: SteeringInclusion | null;
  fileMatchPattern?: string | string[] | null;
  name?: string | null;
  description?: string | null;
}

const ORDER = ['inclusion', 'fileMatchPattern', 'name', 'description'] as const;

export function setSteeringFrontMatter(doc: SteeringDoc, patch: SteeringFrontMatterPatch): EditResult {
  const source = joinLines(doc.lines);
  const fm = doc.frontMatter;
  if (fm && doc.diagnostics.some((d) => (d.code === 'steering/yaml' || d.code === 'steering/yaml-limit') && d.severity === 'error')) {
    return unchanged(source, [diag('error', 'steering/yaml', 'Fix the front matter syntax before editing it.', fm.start, 0)]);
  }
  const merged: Record<string, unknown> = { ...(fm?.data ?? {}) };
  for (const key of ORDER) {
    const v = patch[key];
    if (v === null) delete merged[key];
    else if (v !== undefined) merged[key] = v;
  }
  const check = SteeringFrontMatterSchema.safeParse(merged);
  if (!check.success) {
    return unchanged(source, check.error.issues.map((i) => diag('error', 'steering/invalid', `${i.path.join('.') || 'front matter'}: ${i.message}`, fm?.start ?? 0, 0)));
  }
  if (!fm) {
    const body = ORDER.filter((k) => patch[k] !== undefined && patch[k] !== null).flatMap((k) => renderKey(k, patch[k]));
    if (!body.length) return unchanged(source);
    return applyLineEdits(source, doc.lines, [{ start: 0, deleteCount: 0, insert: ['---', ...body, '---'] }]);
  }
  const contentStart = fm.start + 1;
  const base = contentStart < doc.lines.length ? (doc.lines[contentStart] as SourceLine).offset : 0;
  const items = isMap(fm.document.contents) ? (fm.document.contents.items as Pair[]) : [];
  const lineSpan = (pair: Pair): { start: number; end: number } => {
    const key = pair.key as Scalar;
    const from = key.range?.[0] ?? 0;
    const value = pair.value as { range?: [number, number, number] } | null;
    const to = Math.max(from, (value?.range?.[1] ?? key.range?.[1] ?? from) - 1);
    const a = offsetToPosition(doc.lines, base + from).line;
    const b = offsetToPosition(doc.lines, base + to).line;
    return { start: a, end: Math.min(b, fm.end - 1) };
  };
  const edits: LineEdit[] = [];
  for (const key of ORDER) {
    const v = patch[key];
    if (v === undefined) continue;
    const pair = items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair) {
      const span = lineSpan(pair);
      edits.push({ start: span.start, deleteCount: span.end - span.start + 1, insert: v === null ? [] : renderKey(key, v, pair) });
    } else if (v !== null) {
      // Insert after the nearest earlier known key so the usual order (inclusion first) holds.
      const before = ORDER.slice(0, ORDER.indexOf(key)).reverse().map((k) => items.find((p) => isScalar(p.key) && p.key.value === k)).find(Boolean);
      const at = before ? lineSpan(before).end + 1 : contentStart;
      edits.push({ start: at, deleteCount: 0, insert: renderKey(key, v) });
    }
  }
  return applyLineEdits(source, doc.lines, mergeInsertsAt(edits));
}

/** Two inserts at the same line become one edit (in ORDER) so applyLineEdits sees no overlap. */
function mergeInsertsAt(edits: LineEdit[]): LineEdit[] {
  const out: LineEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.deleteCount === 0 && e.deleteCount === 0);
    if (same) same.insert.push(...e.insert);
    else out.push({ ...e, insert: [...e.insert] });
  }
  return out;
}

/** `key: value` lines in YAML, keeping the original quoting / flow style when replacing a value. */
function renderKey(key: string, value: unknown, original?: Pair): string[] {
  const d = new Document({ [key]: value });
  const node = d.get(key, true);
  const old = original?.value;
  if (isScalar(node) && isScalar(old) && old.type && typeof value === 'string') node.type = old.type;
  if (isSeq(node) && (!original || (isSeq(old) && old.flow))) node.flow = true;
  return d.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
}
