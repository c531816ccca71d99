/**
 * Kiro 1.0's `permissions.yaml` (`.kiro/settings/permissions.yaml` in a workspace, `~/.kiro/settings/permissions.yaml`
 * for the user): a list of rules `{capability, match?, exclude?, effect}`. Real files are wider than the documented
 * schema, and every shape seen is read: a `rules:` list (with or without `version:`), a bare top-level list, `match`
 * as one string or a list, flow maps (`{ capability: shell, effect: allow }`), and capabilities beyond the documented
 * set (`subagent`, `skill`, `power`, `builtin`, `*`…), which are kept and reported, never dropped.
 *
 * The text is never rewritten by parsing (`serializePermissions` gives it back byte-exact); YAML aliases are expanded
 * at most `MAX_ALIASES` times, so an alias bomb is one diagnostic instead of a hung process.
 */
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics';

/** The capabilities Kiro documents and Keel enforces. */
export const PERMISSION_CAPABILITIES = ['fs_read', 'fs_write', 'shell', 'web_fetch', 'web_search', 'mcp'] as const;
export type PermissionCapability = (typeof PERMISSION_CAPABILITIES)[number];
/** A rule with one of these applies to every capability (`all` is documented for the CLI; `*` is seen in files). */
export const WILDCARD_CAPABILITIES = ['all', '*'] as const;
export const PERMISSION_EFFECTS = ['deny', 'ask', 'allow'] as const;
export type PermissionEffect = (typeof PERMISSION_EFFECTS)[number];

const MAX_ALIASES = 100;
const RULE_KEYS = new Set(['capability', 'match', 'exclude', 'effect', 'id', 'description']);

export interface PermissionRule {
  /** Position in the file's rule list (0-based), counting every entry, valid or not: how prompts name it. */
  index: number;
  capability: string;
  /** Glob patterns; `undefined` when the rule has no `match` (it then covers everything). */
  match: string[] | undefined;
  exclude: string[];
  effect: PermissionEffect;
  /** 0-based line of the rule in the file. */
  line: number;
  /** The rule's own source text (trimmed), for prompts and logs. */
  text: string;
  /** False for a capability Keel does not enforce (kept, with a warning). */
  known: boolean;
}

export interface PermissionsDoc {
  text: string;
  /** `rules`: a `rules:` key; `list`: a bare top-level list; `empty`: nothing (or only comments). */
  shape: 'rules' | 'list' | 'empty';
  version?: string;
  /** Enforceable rules, in file order (entries with errors are left out; the text keeps them). */
  rules: PermissionRule[];
  diagnostics: Diagnostic[];
  /** The parsed YAML document (for minimal edits); `undefined` when the text is not YAML. */
  document?: Document;
}

/** Reads a permissions file; never throws. */
export function parsePermissions(text: string): PermissionsDoc {
  const out: PermissionsDoc = { text, shape: 'empty', rules: [], diagnostics: [] };
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const lineOf = (offset: number | undefined) => lineAt(text, offset ?? 0);
  if (document.errors.length) {
    const e = document.errors[0]!;
    out.diagnostics.push(diag('error', 'permissions/yaml', `Not valid YAML: ${e.message.split('\n')[0]}. No rule of this file applies until it is fixed.`, lineOf(e.pos[0])));
    return out;
  }
  out.document = document;
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    out.diagnostics.push(diag('error', 'permissions/yaml', `The YAML could not be read: ${(e as Error).message}. No rule of this file applies until it is fixed.`, 0));
    return out;
  }
  const contents = document.contents;
  let list: Node | undefined;
  if (data === null || data === undefined) return out;
  if (isSeq(contents)) {
    out.shape = 'list';
    list = contents;
  } else if (isMap(contents)) {
    out.shape = 'rules';
    const map = data as Record<string, unknown>;
    if (map.version !== undefined) out.version = String(map.version);
    for (const key of Object.keys(map)) {
      if (key !== 'rules' && key !== 'version') out.diagnostics.push(diag('warning', 'permissions/unknown-key', `"${key}" is not a permissions key; it is kept but has no effect.`, lineOf(keyOffset(contents, key))));
    }
    const rules = contents.get('rules', true) as Node | undefined;
    if (map.rules === undefined || map.rules === null) return out;
    if (!isSeq(rules)) {
      out.diagnostics.push(diag('error', 'permissions/rules', '"rules" must be a list of rules (lines starting with "- capability: …").', lineOf(keyOffset(contents, 'rules'))));
      return out;
    }
    list = rules;
  } else {
    out.diagnostics.push(diag('error', 'permissions/shape', 'A permissions file is a list of rules, or a mapping with a "rules:" list.', 0));
    return out;
  }
  const items = isSeq(list) ? list.items : [];
  const values = (out.shape === 'list' ? data : (data as Record<string, unknown>).rules) as unknown[];
  items.forEach((item, index) => {
    const range = (item as Node | null)?.range;
    const line = lineOf(range?.[0]);
    const rule = readRule(values[index], index, line, range ? text.slice(range[0], range[1]).trim() : '', out.diagnostics);
    if (rule) out.rules.push(rule);
  });
  return out;
}

export function serializePermissions(doc: PermissionsDoc): string {
  return doc.text;
}

function readRule(value: unknown, index: number, line: number, text: string, diagnostics: Diagnostic[]): PermissionRule | undefined {
  const at = `Rule ${index + 1}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(diag('error', 'permissions/rule', `${at} must be a mapping with capability and effect.`, line));
    return undefined;
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!RULE_KEYS.has(key)) diagnostics.push(diag('warning', 'permissions/unknown-key', `${at}: "${key}" is not a rule key; it is kept but has no effect.`, line));
  }
  if (typeof v.capability !== 'string' || !v.capability.trim()) {
    diagnostics.push(diag('error', 'permissions/capability', `${at} has no capability (one of ${PERMISSION_CAPABILITIES.join(', ')}).`, line));
    return undefined;
  }
  if (typeof v.effect !== 'string' || !(PERMISSION_EFFECTS as readonly string[]).includes(v.effect)) {
    diagnostics.push(diag('error', 'permissions/effect', `${at}: effect must be deny, ask or allow${v.effect === undefined ? '' : ` (not "${String(v.effect)}")`}; the rule is ignored.`, line));
    return undefined;
  }
  const capability = v.capability.trim();
  const known = (PERMISSION_CAPABILITIES as readonly string[]).includes(capability) || (WILDCARD_CAPABILITIES as readonly string[]).includes(capability);
  if (!known) diagnostics.push(diag('warning', 'permissions/unknown-capability', `${at}: capability "${capability}" is not one Keel enforces; the rule is kept but has no effect here.`, line));
  const match = patterns(v.match, `${at}: match`, line, diagnostics);
  const exclude = patterns(v.exclude, `${at}: exclude`, line, diagnostics) ?? [];
  return { index, capability, match, exclude, effect: v.effect as PermissionEffect, line, text, known };
}

/** `match: "*"` and `match: ["a", "b"]` both occur; anything else that is not a string is reported and skipped. */
function patterns(value: unknown, what: string, line: number, diagnostics: Diagnostic[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const p of list) {
    if (typeof p === 'string' || typeof p === 'number') out.push(String(p));
    else diagnostics.push(diag('warning', 'permissions/pattern', `${what}: ${JSON.stringify(p)} is not a pattern (a string); it is skipped.`, line));
  }
  return out;
}

function keyOffset(map: Node, key: string): number | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.key as Node | null)?.range?.[0];
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
