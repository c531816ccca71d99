import { parseHookFile, type HookEntry, type HookFormat } from '../../../specs-schema';
import { EVENT_OF_TRIGGER, type EngineEvent } from './hook-types';

/** Where a hook file lives: the workspace's `.kiro/hooks/` or the user's `~/.kiro/hooks/`. */
export type HookScope = 'workspace' | 'user';

/**
 * A hook as the engine sees it: one per hook of a file (a v1 file may hold several). Only `ready` hooks run.
 * Files in the old top-level `trigger`/`action` shape are `unsupported` (Kiro itself does not run them); anything
 * else that fails validation (unknown trigger, JSON error, merge-conflict markers) is `invalid`. Neither ever stops
 * other hooks — in the same file or elsewhere — from loading.
 */
export interface ValidHook {
  /** The file for a 0.x hook; `<file>#<index>` for a hook of a v1 file. */
  id: string;
  file: string;
  name: string;
  status: 'ready' | 'disabled';
  format: HookFormat;
  scope: HookScope;
  entry: HookEntry;
  event: EngineEvent;
  /** The file's text as read: trust approval is checked against exactly these bytes. */
  content: string;
  warnings: string[];
}

export interface BrokenHook {
  id: string;
  file: string;
  name: string;
  status: 'invalid' | 'unsupported';
  format?: HookFormat;
  scope: HookScope;
  reason: string;
  content: string;
}

export type LoadedHook = ValidHook | BrokenHook;

/** A hook's id: the file for a 0.x hook, `<file>#<index>` for a hook of a v1 file. */
export function hookId(file: string, format: HookFormat | undefined, index: number): string {
  return format === 'v1' ? `${file}#${index}` : file;
}

/** The file part of a hook id. */
export function fileOfHookId(id: string): string {
  const hash = id.lastIndexOf('#');
  return hash > 0 && /^\d+$/.test(id.slice(hash + 1)) ? id.slice(0, hash) : id;
}

/** Every hook of a file; `file` is workspace-relative (`.kiro/hooks/x.json`) or `~/.kiro/hooks/x.json`. */
export function loadHookFile(file: string, content: string, scope: HookScope = 'workspace'): LoadedHook[] {
  const fallbackName = file.slice(file.lastIndexOf('/') + 1).replace(/(\.kiro\.hook|\.json)$/, '');
  const doc = parseHookFile(content);
  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  const warnings = doc.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
  // A problem with the file itself (JSON, version, conflict markers) stops all of its hooks.
  const fileErrors = errors.filter((d) => !/^hooks\.\d+[.:]/.test(d.message));
  const entries = fileErrors.length ? [] : doc.entries;
  const out: LoadedHook[] = entries.map((entry) => ({
    id: hookId(file, doc.format === 'unknown' ? undefined : doc.format, entry.index),
    file,
    name: entry.name,
    status: entry.enabled ? 'ready' : 'disabled',
    format: entry.format,
    scope,
    entry,
    event: EVENT_OF_TRIGGER[entry.trigger],
    content,
    warnings,
  }));
  const rawHooks = (doc.json.value as { hooks?: unknown } | undefined)?.hooks;
  for (const index of fileErrors.length ? [] : doc.invalid) {
    const raw = Array.isArray(rawHooks) ? (rawHooks[index] as { name?: unknown } | undefined) : undefined;
    const first = errors.find((d) => d.message.startsWith(`hooks.${index}.`) || d.message.startsWith(`hooks.${index}:`)) ?? errors[0];
    const name = typeof raw?.name === 'string' && raw.name.trim() ? raw.name : `${fallbackName} #${index + 1}`;
    out.push({ id: hookId(file, 'v1', index), file, name, status: 'invalid', format: 'v1', scope, reason: describe(first), content });
  }
  out.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  if (out.length > 0 || (doc.format === 'v1' && errors.length === 0)) return out;
  const reason = describe(fileErrors[0] ?? errors[0]);
  const rawName = (doc.json.value as { name?: unknown } | undefined)?.name;
  const name = typeof rawName === 'string' && rawName.trim() ? rawName : fallbackName;
  const unsupported = doc.diagnostics.find((d) => d.code === 'hook/unknown-format');
  if (unsupported) return [{ id: file, file, name, status: 'unsupported', scope, reason: `${unsupported.message} Kiro does not run it either.`, content }];
  return [{ id: file, file, name, status: 'invalid', ...(doc.format === 'unknown' ? {} : { format: doc.format }), scope, reason, content }];
}

/** The single hook of a 0.x file, or the first hook of a v1 file (a form that edits one hook at a time). */
export function loadHook(file: string, content: string): LoadedHook {
  return loadHookFile(file, content)[0] ?? { id: file, file, name: file, status: 'invalid', scope: 'workspace', reason: 'The file holds no hooks.', content };
}

function describe(d: { message: string; line: number } | undefined): string {
  return d ? `${d.message} (line ${d.line + 1})` : 'The hook is not valid.';
}
