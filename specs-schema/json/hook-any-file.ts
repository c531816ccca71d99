/**
 * A hook file read by its content, whatever its name (`.kiro.hook` or `.json`): Kiro 1.0's `{"version": "v1",
 * "hooks": [...]}`, the 0.x `when`/`then` hook, or something Kiro would not run (one clear error). Every hook of
 * either format becomes a `HookEntry` named with v1 triggers, so the engine, the CLI and the Hooks view see one
 * shape. Each v1 hook is checked on its own: a broken hook in a file does not hide the good ones next to it.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { TRIGGER_OF_EVENT, HookV1Schema, type HookV1Trigger } from '../schemas/hook-v1-schema';
import type { HookEvent } from '../schemas/hook-schema';
import { parseHook, type HookDoc } from './hook-file';
import { asRecord, parseJsonDoc } from './json-doc';
import { issuesToDiagnostics, locate } from './json-validate';

export type HookFormat = 'v1' | 'legacy';

export type HookEntryAction = { type: 'command'; command: string; timeout?: number } | { type: 'agent'; prompt: string };

/** One hook of a file, in either format. */
export interface HookEntry {
  format: HookFormat;
  /** Position in `hooks` (v1); 0 for a legacy file. */
  index: number;
  name: string;
  description?: string;
  trigger: HookV1Trigger;
  /** v1: a regular expression over the file path or the tool name; absent = everything. */
  matcher?: string;
  /** legacy: `when.patterns` (globs) and `when.toolTypes`. */
  patterns?: string[];
  toolTypes?: string[];
  action: HookEntryAction;
  enabled: boolean;
}

export interface HookFileDoc extends HookDoc {
  /** `unknown`: neither format (Kiro would not run it); the file has exactly one error saying so. */
  format: HookFormat | 'unknown';
  /** The valid hooks of the file, in file order. */
  entries: HookEntry[];
  /** v1: the index of each hook that failed validation (its diagnostics are in `diagnostics`). */
  invalid: number[];
}

export function parseHookFile(text: string): HookFileDoc {
  const json = parseJsonDoc(text);
  const raw = asRecord(json.value);
  const base = { kind: 'hook' as const, json, entries: [] as HookEntry[], invalid: [] as number[] };
  if (raw && (raw.version === 'v1' || Array.isArray(raw.hooks))) return readV1(text, raw);
  if (raw && raw.when === undefined && raw.then === undefined && (raw.trigger !== undefined || raw.action !== undefined || raw.actions !== undefined)) {
    // Hand-written shapes (top-level `trigger`/`action(s)`) that Kiro does not run: one error, not a cascade.
    const at = locate(json, [raw.trigger !== undefined ? 'trigger' : raw.action !== undefined ? 'action' : 'actions']);
    const d = diag('error', 'hook/unknown-format', 'Not a hook Kiro runs: a hook file holds {"version": "v1", "hooks": [...]} (or an old "when"/"then" hook), not a top-level "trigger"/"action".', at.line, at.column, { line: at.endLine, column: at.endColumn });
    const trigger = asRecord(raw.trigger)?.type ?? raw.trigger;
    return { ...base, format: 'unknown', ...(typeof trigger === 'string' ? { event: trigger } : {}), diagnostics: [...json.diagnostics, d] };
  }
  const legacy = parseHook(text);
  const doc: HookFileDoc = { ...legacy, format: raw ? 'legacy' : 'unknown', entries: [], invalid: [] };
  if (legacy.hook) doc.entries.push(legacyEntry(legacy.hook));
  return doc;
}

function readV1(text: string, raw: Record<string, unknown>): HookFileDoc {
  const json = parseJsonDoc(text);
  const diagnostics: Diagnostic[] = [...json.diagnostics];
  const doc: HookFileDoc = { kind: 'hook', json, format: 'v1', entries: [], invalid: [], diagnostics };
  if (raw.version !== 'v1') {
    const at = locate(json, ['version']);
    diagnostics.push(diag('error', 'hook/version', `A hooks file needs "version": "v1"${raw.version === undefined ? '' : ` (this one says ${JSON.stringify(raw.version)})`}.`, at.line, at.column, { line: at.endLine, column: at.endColumn }));
  }
  if (!Array.isArray(raw.hooks)) {
    const at = locate(json, ['hooks']);
    diagnostics.push(diag('error', 'hook/no-hooks', 'A hooks file needs a "hooks" list.', at.line, at.column, { line: at.endLine, column: at.endColumn }));
    return doc;
  }
  if (json.diagnostics.some((d) => d.code === 'json/merge-conflict')) return doc;
  raw.hooks.forEach((value: unknown, index: number) => {
    const result = HookV1Schema.safeParse(value);
    if (!result.success) {
      doc.invalid.push(index);
      diagnostics.push(...issuesToDiagnostics(json, result.error.issues.map((i) => ({ ...i, path: ['hooks', index, ...i.path] })), 'hook/invalid'));
      return;
    }
    const h = result.data;
    const timeout = h.action.type === 'command' ? (h.action.timeout ?? h.timeout) : undefined;
    const action: HookEntryAction = h.action.type === 'command' ? { type: 'command', command: h.action.command, ...(timeout !== undefined ? { timeout } : {}) } : { type: 'agent', prompt: h.action.prompt };
    doc.entries.push({
      format: 'v1',
      index,
      name: h.name,
      ...(h.description !== undefined ? { description: h.description } : {}),
      trigger: h.trigger,
      ...(h.matcher !== undefined && h.matcher !== '' ? { matcher: h.matcher } : {}),
      action,
      enabled: h.enabled !== false,
    });
  });
  return doc;
}

function legacyEntry(hook: NonNullable<HookDoc['hook']>): HookEntry {
  const then = hook.then;
  const action: HookEntryAction =
    then.type === 'runCommand' ? { type: 'command', command: then.command, ...(then.timeout !== undefined ? { timeout: then.timeout } : {}) } : { type: 'agent', prompt: then.prompt };
  return {
    format: 'legacy',
    index: 0,
    name: hook.name,
    ...(hook.description !== undefined ? { description: hook.description } : {}),
    trigger: triggerOfEvent(hook.when.type),
    ...(hook.when.patterns ? { patterns: hook.when.patterns } : {}),
    ...(hook.when.toolTypes ? { toolTypes: hook.when.toolTypes } : {}),
    action,
    enabled: hook.enabled !== false,
  };
}

export function triggerOfEvent(event: HookEvent): HookV1Trigger {
  return TRIGGER_OF_EVENT[event];
}
