/**
 * Writing Kiro 1.0 hook files: a new file, a minimal edit of one hook (jsonc-parser's `modify`: every other byte
 * stays), and the upgrade of a 0.x `when`/`then` hook to a v1 file (globs become a path regex, tool categories
 * Kiro's tool names).
 */
import { diag } from '../diagnostics';
import type { Hook } from '../schemas/hook-schema';
import { HookV1Schema, type HookV1 } from '../schemas/hook-v1-schema';
import { kiroNamesOfCategory } from '../schemas/kiro-tools';
import type { EditResult } from '../text/edits';
import { parseHookFile, triggerOfEvent, type HookFileDoc } from './hook-any-file';
import { setJsonValue, stringifyJson } from './json-doc';

/** A new v1 file holding `hooks`, or diagnostics when one of them is invalid. */
export function createHookV1Text(hooks: HookV1[]): EditResult {
  const problems = hooks.flatMap((h, i) => {
    const r = HookV1Schema.safeParse(h);
    return r.success ? [] : r.error.issues.map((issue) => diag('error', 'hook/invalid', `hooks.${i}.${issue.path.join('.')}: ${issue.message}`, 0, 0));
  });
  if (problems.length) return { text: '', changes: [], diagnostics: problems };
  const text = stringifyJson({ version: 'v1', hooks });
  return { text, changes: [{ start: 0, end: 0, text }], diagnostics: [] };
}

/**
 * Sets (or with `undefined` removes) one field of the v1 hook at `index` (`['enabled']`, `['action', 'command']`)
 * and validates that hook again; an edit that would break a valid hook is refused, the text left as it was.
 */
export function editHookV1(doc: HookFileDoc, index: number, path: (string | number)[], value: unknown): EditResult {
  const result = setJsonValue(doc.json, ['hooks', index, ...path], value);
  if (doc.invalid.includes(index)) return result;
  const after = parseHookFile(result.text);
  if (after.invalid.includes(index)) {
    const errors = after.diagnostics.filter((d) => d.severity === 'error');
    return { text: doc.json.text, changes: [], diagnostics: errors };
  }
  return result;
}

/**
 * The v1 hook a 0.x hook becomes. `patterns` (globs) turn into one regular expression over the path; `toolTypes`
 * categories into Kiro's tool names (`write` → `fs_write|str_replace|…`), other entries are kept as regexes; keys
 * Kiro's v1 format has no place for are dropped (the old file holds them until the user confirms the upgrade).
 */
export function upgradeLegacyHook(hook: Hook): HookV1 {
  const trigger = triggerOfEvent(hook.when.type);
  const then = hook.then;
  const action: HookV1['action'] =
    then.type === 'runCommand' ? { type: 'command', command: then.command, ...(then.timeout !== undefined ? { timeout: then.timeout } : {}) } : { type: 'agent', prompt: then.prompt };
  const matcher = hook.when.patterns?.length ? globsToRegex(hook.when.patterns) : hook.when.toolTypes?.length ? toolTypesToRegex(hook.when.toolTypes) : undefined;
  return {
    name: hook.name,
    // An empty description (the form's starting text has one) is left out rather than written as "".
    ...(hook.description ? { description: hook.description } : {}),
    trigger,
    ...(matcher !== undefined ? { matcher } : {}),
    action,
    ...(hook.enabled === false ? { enabled: false } : {}),
  };
}

/** Globs as one path regex: `*.py` matches a file name in any folder, `src/x.ts` a path from the root; `!x` excludes. */
export function globsToRegex(patterns: readonly string[]): string {
  const clean = patterns.map((p) => p.trim().replace(/^\.\//, '').replace(/^\/+/, '')).filter(Boolean);
  const include = clean.filter((p) => !p.startsWith('!')).map(globToRegex);
  const exclude = clean.filter((p) => p.startsWith('!') && p.length > 1).map((p) => globToRegex(p.slice(1)));
  const inc = include.length === 1 ? (include[0] as string) : `(?:${include.join('|')})`;
  return exclude.length ? `^(?!.*?(?:${exclude.join('|')}))${inc.startsWith('^') ? inc.slice(1) : `.*?${inc}`}` : inc;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
        i = end;
      }
    } else out += escape(c);
  }
  // A pattern without a folder names a file anywhere (Kiro's `*.py`); with one, a path from the root.
  return `${glob.includes('/') && !glob.startsWith('**/') ? '^' : '(?:^|/)'}${out.replace(/^\(\?:\.\*\/\)\?/, '')}$`;
}

function escape(text: string): string {
  return text.replace(/[.+^$()|[\]\\]/g, '\\$&');
}

function toolTypesToRegex(types: readonly string[]): string | undefined {
  if (types.includes('*')) return undefined;
  const names = types.flatMap((t) => {
    const kiro = kiroNamesOfCategory(t);
    return kiro.length ? kiro : [t];
  });
  return [...new Set(names)].join('|');
}
