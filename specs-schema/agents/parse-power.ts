/**
 * Powers (`.kiro/powers/<name>/POWER.md`, beside an optional `mcp.json` and `steering/*.md`): front matter `name`,
 * `displayName`, `description`, `keywords` (a prompt naming one activates the power), `author`; the body is the
 * power's instructions, joined to the context while it is active.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { joinLines, type SourceLine } from '../text/lines';
import { bodyText, nameList, optionalString, parseFrontMatterMarkdown, reportExtraKeys } from './front-matter';

export interface PowerDoc {
  kind: 'power';
  lines: SourceLine[];
  hasFrontMatter: boolean;
  name: string;
  displayName?: string;
  description?: string;
  keywords: string[];
  author?: string;
  extra: Record<string, unknown>;
  body: string;
  bodyStart: number;
  diagnostics: Diagnostic[];
}

const KNOWN = new Set(['name', 'displayName', 'description', 'keywords', 'author']);
const KIRO_KEYS = new Set(['version', 'license', 'homepage', 'repository', 'iconUrl', 'tags']);

/** `fallbackName`: the power's folder name. */
export function parsePower(source: string, fallbackName: string): PowerDoc {
  const fm = parseFrontMatterMarkdown(source, 'power', 'Power');
  const p = 'power';
  const doc: PowerDoc = {
    kind: 'power',
    lines: fm.lines,
    hasFrontMatter: fm.frontMatter !== undefined,
    name: optionalString(fm, 'name', p)?.trim() || fallbackName,
    keywords: nameList(fm, 'keywords', p)?.names ?? [],
    extra: {},
    body: bodyText(fm),
    bodyStart: fm.bodyStart,
    diagnostics: fm.diagnostics,
  };
  const displayName = optionalString(fm, 'displayName', p);
  if (displayName?.trim()) doc.displayName = displayName.trim();
  const description = optionalString(fm, 'description', p);
  if (description?.trim()) doc.description = description.trim();
  const author = optionalString(fm, 'author', p);
  if (author?.trim()) doc.author = author.trim();
  doc.extra = reportExtraKeys(fm, KNOWN, p, 'power', KIRO_KEYS);
  if (!doc.keywords.length && !doc.diagnostics.some((d) => d.severity === 'error')) {
    doc.diagnostics.push(diag('info', 'power/no-keywords', `Power "${doc.name}" has no keywords: it is activated by hand only.`, fm.frontMatter ? fm.keyLine('name') : 0, 0));
  }
  return doc;
}

/** Whole-word, case-insensitive: `grafana` activates on "my Grafana dashboard", not on "grafanas". */
export function matchPowerKeywords(power: Pick<PowerDoc, 'keywords'>, prompt: string): string[] {
  const text = prompt.toLowerCase();
  return power.keywords.filter((k) => {
    const key = k.toLowerCase().trim();
    if (!key) return false;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'u').test(text);
  });
}

export function serializePower(doc: PowerDoc): string {
  return joinLines(doc.lines);
}
