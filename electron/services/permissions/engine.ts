/**
 * The one decision function of Kiro's permission model: every rule of every scope that matches a request is
 * considered, and the most restrictive effect wins (deny > ask > allow) — a permissive rule in one scope can never
 * undo a restrictive one in another. The rule that decided comes back with the effect, so a prompt or a refusal
 * can name it ("`.kiro/settings/permissions.yaml` rule 3: …").
 */
import picomatch from 'picomatch';
import { WILDCARD_CAPABILITIES, type PermissionCapability, type PermissionEffect, type PermissionRule, type PermissionsDoc } from '../../../specs-schema/permissions';

export type PermissionScope = 'workspace' | 'user';

/** One permissions file as loaded. `file` is how prompts show it (workspace-relative, or `~/…`). */
export interface PermissionSource {
  scope: PermissionScope;
  file: string;
  doc: PermissionsDoc;
}

export interface DecidingRule {
  scope: PermissionScope;
  file: string;
  /** 0-based position in the file's rule list; shown 1-based. */
  index: number;
  line: number;
  text: string;
  /** The rule's patterns (`undefined`: it covers everything). */
  match: string[] | undefined;
}

export interface PermissionDecision {
  effect: PermissionEffect;
  rule: DecidingRule;
}

const RANK: Record<PermissionEffect, number> = { allow: 0, ask: 1, deny: 2 };
const PATH_CAPABILITIES = new Set<PermissionCapability>(['fs_read', 'fs_write']);

/**
 * The deciding rule for `resource` under `capability`, or `undefined` when no rule matches (the caller's own
 * default then applies). For file capabilities `resource` is a workspace-relative path (`/`-separated); for
 * shell the command line; for mcp `server/tool`; for web_fetch the URL; for web_search the query.
 */
export function decide(sources: readonly PermissionSource[], capability: PermissionCapability, resource: string): PermissionDecision | undefined {
  let best: PermissionDecision | undefined;
  for (const source of sources) {
    for (const rule of source.doc.rules) {
      if (!ruleMatches(rule, capability, resource)) continue;
      if (best && RANK[rule.effect] <= RANK[best.effect]) continue;
      best = { effect: rule.effect, rule: { scope: source.scope, file: source.file, index: rule.index, line: rule.line, text: rule.text, match: rule.match } };
      if (rule.effect === 'deny') return best;
    }
  }
  return best;
}

export function ruleMatches(rule: PermissionRule, capability: PermissionCapability, resource: string): boolean {
  if (rule.capability !== capability && !(WILDCARD_CAPABILITIES as readonly string[]).includes(rule.capability)) return false;
  const test = PATH_CAPABILITIES.has(capability) ? pathMatcher : textMatcher;
  const subject = PATH_CAPABILITIES.has(capability) ? normalizePath(resource) : resource.trim();
  if (rule.match !== undefined && !rule.match.some((p) => test(p)(subject))) return false;
  return !rule.exclude.some((p) => test(p)(subject));
}

/** How a prompt names the rule: `.kiro/settings/permissions.yaml, rule 3 (shell · deny · "rm -rf *")`. */
export function describeRule(rule: DecidingRule): string {
  const first = rule.text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return `${rule.file}, rule ${rule.index + 1}: ${first.length > 120 ? `${first.slice(0, 119)}…` : first}`;
}

const pathCache = new Map<string, (p: string) => boolean>();
const textCache = new Map<string, (p: string) => boolean>();

/**
 * Path globs as in gitignore and Kiro's examples: `./` is the workspace root, a pattern without `/` matches a name
 * at any depth (`.env`, `*.pem`), and a pattern matching a folder covers what is inside it (`.git`, `secrets/`).
 */
function pathMatcher(pattern: string): (p: string) => boolean {
  let m = pathCache.get(pattern);
  if (!m) {
    const clean = pattern.trim().replace(/^\.\/+/, '').replace(/\/+$/, '') || '**';
    const glob = picomatch(clean, { dot: true, basename: !clean.includes('/') });
    m = (p: string) => {
      if (glob(p)) return true;
      // An ancestor folder that matches covers the file.
      for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) if (glob(p.slice(0, i))) return true;
      return false;
    };
    if (pathCache.size > 1000) pathCache.clear();
    pathCache.set(pattern, m);
  }
  return m;
}

/** Command lines, MCP tool ids and URLs: `*` is any run of characters (spaces and `/` included), `?` one. */
function textMatcher(pattern: string): (p: string) => boolean {
  let m = textCache.get(pattern);
  if (!m) {
    const source = pattern
      .trim()
      .split('')
      .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    const re = new RegExp(`^${source}$`);
    m = (p: string) => re.test(p);
    if (textCache.size > 1000) textCache.clear();
    textCache.set(pattern, m);
  }
  return m;
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

// True when a pattern only says "everything" (`*`, `**`, `./**`, `**/*`): it names no file in particular.
export function isCatchAll(pattern: string): boolean {
  return /^(\.\/)?(\*\*?)(\/\*\*?)*$/.test(pattern.trim());
}
