import { parseHook, type Hook } from '../../../specs-schema';

/**
 * A hook file as the engine sees it. Only `ready` hooks run. Files in the old `trigger`/`action` shape or with a
 * `sendMessage` action are `unsupported` (Kiro itself does not run them); anything else that fails validation
 * (unknown event, JSON error, merge conflict markers) is `invalid`. Neither ever stops other hooks from loading.
 */
export interface ValidHook {
  id: string;
  file: string;
  name: string;
  status: 'ready' | 'disabled';
  hook: Hook;
  /** The file's text as read: trust approval is checked against exactly these bytes. */
  content: string;
  warnings: string[];
}

export interface BrokenHook {
  id: string;
  file: string;
  name: string;
  status: 'invalid' | 'unsupported';
  reason: string;
  content: string;
}

export type LoadedHook = ValidHook | BrokenHook;

const UNSUPPORTED_CODES = new Set(['hook/legacy-key', 'hook/legacy-action']);

/** `file` is workspace-relative (`.kiro/hooks/x.kiro.hook`); it is also the hook's id. */
export function loadHook(file: string, content: string): LoadedHook {
  const fallbackName = file.slice(file.lastIndexOf('/') + 1).replace(/\.kiro\.hook$/, '');
  const doc = parseHook(content);
  const legacy = doc.diagnostics.filter((d) => UNSUPPORTED_CODES.has(d.code));
  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  const rawName = (doc.json.value as { name?: unknown } | undefined)?.name;
  const name = typeof rawName === 'string' && rawName.trim() ? rawName : fallbackName;
  if (legacy.length > 0) {
    return {
      id: file,
      file,
      name,
      status: 'unsupported',
      reason: `Old hook format: ${legacy.map((d) => d.message).join(' ')} Update the file to "when"/"then" to run it.`,
      content,
    };
  }
  if (!doc.hook || errors.length > 0) {
    const first = errors[0];
    const where = first ? ` (line ${first.line + 1})` : '';
    return { id: file, file, name, status: 'invalid', reason: `${first?.message ?? 'The hook is not valid.'}${where}`, content };
  }
  const warnings = doc.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
  return { id: file, file, name: doc.hook.name, status: doc.hook.enabled === false ? 'disabled' : 'ready', hook: doc.hook, content, warnings };
}
