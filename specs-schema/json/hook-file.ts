/**
 * `*.kiro.hook` files. Reading is tolerant: legacy shapes seen in real projects (`trigger`/`action` instead of
 * `when`/`then`, `sendMessage` actions, old event names such as `manual` or `fileSave`) are understood with a
 * warning; validation problems and JSON syntax errors become diagnostics; the text is never rewritten by a read.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { HookSchema, LEGACY_HOOK_EVENTS, type Hook } from '../schemas/hook-schema';
import type { EditResult } from '../text/edits';
import { asRecord, parseJsonDoc, setJsonValue, stringifyJson, type JsonDoc } from './json-doc';
import { issuesToDiagnostics, locate } from './json-validate';

/** Old event names Kiro still reads without complaint (real projects have `manual` hooks). */
const KIRO_ACCEPTED_EVENT_ALIASES = new Set(['manual']);

export interface HookDoc {
  kind: 'hook';
  json: JsonDoc;
  /** `when.type` (or legacy `trigger.type`) exactly as written. */
  event?: string;
  /** The hook in today's format when it is valid after legacy names are mapped. */
  hook?: Hook;
  diagnostics: Diagnostic[];
}

export function parseHook(text: string): HookDoc {
  const json = parseJsonDoc(text);
  const diagnostics = [...json.diagnostics];
  const raw = asRecord(json.value);
  const doc: HookDoc = { kind: 'hook', json, diagnostics };
  if (!raw) {
    if (!diagnostics.length) diagnostics.push(diag('error', 'hook/not-object', 'A hook file must hold a JSON object.', 0, 0));
    return doc;
  }
  const normalized: Record<string, unknown> = { ...raw };
  for (const [legacy, current] of [['trigger', 'when'], ['action', 'then']] as const) {
    if (normalized[current] === undefined && normalized[legacy] !== undefined) {
      normalized[current] = normalized[legacy];
      delete normalized[legacy];
      const at = locate(json, [legacy]);
      diagnostics.push(diag('warning', 'hook/legacy-key', `"${legacy}" is an old name for "${current}"; Kiro reads "${current}".`, at.line, at.column, { line: at.endLine, column: at.endColumn }, { title: `Rename to "${current}"`, start: at.offset, end: at.offset + at.length, text: JSON.stringify(current) }));
    }
  }
  const whenKey = raw.when !== undefined ? 'when' : 'trigger';
  const when = asRecord(normalized.when);
  if (when && typeof when.type === 'string') {
    doc.event = when.type;
    const modern = LEGACY_HOOK_EVENTS[when.type];
    if (modern) {
      normalized.when = { ...when, type: modern };
      const at = locate(json, [whenKey, 'type']);
      const valueAt = locateValue(json, [whenKey, 'type']);
      // Kiro itself runs `manual` hooks (real projects have them): understood, not flagged.
      if (!KIRO_ACCEPTED_EVENT_ALIASES.has(when.type)) diagnostics.push(diag('warning', 'hook/legacy-event', `Event "${when.type}" is an old name; today it is "${modern}".`, at.line, at.column, { line: at.endLine, column: at.endColumn }, { title: `Use "${modern}"`, start: valueAt.offset, end: valueAt.offset + valueAt.length, text: JSON.stringify(modern) }));
    }
  }
  const then = asRecord(normalized.then);
  if (then?.type === 'sendMessage') {
    const { message, ...rest } = then;
    normalized.then = { ...rest, type: 'askAgent', prompt: message };
    const at = locate(json, [raw.then !== undefined ? 'then' : 'action', 'type']);
    diagnostics.push(diag('warning', 'hook/legacy-action', 'Action "sendMessage" is an old name; today it is "askAgent" with a "prompt".', at.line, at.column, { line: at.endLine, column: at.endColumn }));
  }
  if (json.diagnostics.some((d) => d.code === 'json/merge-conflict')) return doc;
  const result = HookSchema.safeParse(normalized);
  if (result.success) doc.hook = result.data;
  else diagnostics.push(...issuesToDiagnostics(json, result.error.issues, 'hook/invalid'));
  return doc;
}

function locateValue(json: JsonDoc, path: string[]): { offset: number; length: number } {
  const key = locate(json, path);
  // `locate` points at the property name; the value string follows the colon.
  const after = json.text.indexOf(':', key.offset + key.length);
  const m = /^\s*("(?:[^"\\]|\\.)*")/.exec(json.text.slice(after + 1));
  return m ? { offset: after + 1 + m[0].length - (m[1] as string).length, length: (m[1] as string).length } : { offset: key.offset, length: key.length };
}

/** A new hook file's text, or diagnostics when the hook is invalid. */
export function createHookText(hook: Hook): EditResult {
  const result = HookSchema.safeParse(hook);
  if (!result.success) {
    return { text: '', changes: [], diagnostics: result.error.issues.map((i) => diag('error', 'hook/invalid', `${i.path.join('.') || 'hook'}: ${i.message}`, 0, 0)) };
  }
  const text = stringifyJson(hook);
  return { text, changes: [{ start: 0, end: 0, text }], diagnostics: [] };
}

/**
 * Sets one field of a hook (e.g. `['when', 'patterns']`, `['then', 'prompt']`, `['enabled']`) and validates the
 * result; an edit that would make the hook invalid is refused with diagnostics and the text left as it was.
 */
export function editHook(doc: HookDoc, path: (string | number)[], value: unknown): EditResult {
  // A file written with the legacy `trigger` / `action` keys is edited under those keys, not given a second copy.
  const raw = asRecord(doc.json.value);
  const legacy: Record<string, string> = { when: 'trigger', then: 'action' };
  const head = path[0];
  const target = typeof head === 'string' && legacy[head] && raw && raw[head] === undefined && raw[legacy[head] as string] !== undefined ? [legacy[head] as string, ...path.slice(1)] : path;
  const result = setJsonValue(doc.json, target, value);
  const after = parseHook(result.text);
  const errors = after.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length && !doc.diagnostics.some((d) => d.severity === 'error')) {
    return { text: doc.json.text, changes: [], diagnostics: errors };
  }
  return result;
}

export function serializeHook(doc: HookDoc): string {
  return doc.json.text;
}
