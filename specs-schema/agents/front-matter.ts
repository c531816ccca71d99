/**
 * Markdown with optional YAML front matter, as custom agents, skills and powers are written. The document keeps
 * every line with its ending (so `serialize(parse(x)) === x`), the front matter as a yaml Document (comments and
 * unknown keys kept) and as plain data, and the body — the prompt or instructions — as it is in the file.
 */
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics';
import { joinLines, offsetToPosition, splitLines, type SourceLine } from '../text/lines';
import { scanMarkdown } from '../text/markdown-scan';

export interface MarkdownWithFrontMatter {
  lines: SourceLine[];
  /** Lines of the opening and closing `---`; absent when the file has no front matter. */
  frontMatter?: { start: number; end: number; document: Document };
  /** The front matter as plain data (empty when absent, broken or not a mapping). */
  data: Record<string, unknown>;
  /** First line after the front matter. */
  bodyStart: number;
  /** The body's text, line endings as written. */
  body: string;
  diagnostics: Diagnostic[];
  /** 0-based line of a top-level key in the front matter (the opening `---` when absent). */
  keyLine(key: string): number;
}

/** `prefix` names the diagnostics (`agent/yaml`, `skill/front-matter`…) and `what` the file in messages. */
export function parseFrontMatterMarkdown(source: string, prefix: string, what: string): MarkdownWithFrontMatter {
  const lines = splitLines(source);
  const scan = scanMarkdown(lines, { frontMatter: true });
  const diagnostics: Diagnostic[] = scan.diagnostics.map((d) => ({ ...d, code: d.code.replace(/^markdown\//, `${prefix}/`) }));
  const body = joinLines(lines.slice(scan.bodyStart));
  const doc: MarkdownWithFrontMatter = { lines, data: {}, bodyStart: scan.bodyStart, body, diagnostics, keyLine: () => 0 };
  if (!scan.frontMatter) return doc;
  const { start, end } = scan.frontMatter;
  const contentStart = start + 1;
  const content = joinLines(lines.slice(contentStart, end));
  const base = contentStart < lines.length ? (lines[contentStart] as SourceLine).offset : 0;
  const document = parseDocument(content, { prettyErrors: false, uniqueKeys: false });
  doc.frontMatter = { start, end, document };
  for (const e of document.errors) {
    const at = offsetToPosition(lines, base + (e.pos[0] ?? 0));
    diagnostics.push(diag('error', `${prefix}/yaml`, `${what} front matter is not valid YAML: ${e.message.split('\n')[0]}`, at.line, at.column));
  }
  if (document.errors.length) return doc;
  if (content.trim() && !isMap(document.contents)) {
    diagnostics.push(diag('error', `${prefix}/front-matter`, `${what} front matter must be a YAML mapping (key: value lines).`, contentStart, 0));
    return doc;
  }
  const json: unknown = document.toJS();
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) doc.data = json as Record<string, unknown>;
  doc.keyLine = (key: string): number => {
    const pair = isMap(document.contents) ? document.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    return isScalar(pair?.key) ? offsetToPosition(lines, base + (pair.key.range?.[0] ?? 0)).line : start;
  };
  return doc;
}

/** Reports the keys a format does not know: kept in the file, named once each. */
export function reportExtraKeys(
  doc: MarkdownWithFrontMatter,
  known: ReadonlySet<string>,
  prefix: string,
  what: string,
  notUsed: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.data)) {
    if (known.has(key)) continue;
    extra[key] = value;
    if (notUsed.has(key)) doc.diagnostics.push(diag('info', `${prefix}/unused-key`, `"${key}" is a Kiro ${what} key Keel does not use yet; it is kept.`, doc.keyLine(key), 0));
    else doc.diagnostics.push(diag('warning', `${prefix}/unknown-key`, `"${key}" is not a Kiro ${what} key; it is kept but has no effect.`, doc.keyLine(key), 0));
  }
  return extra;
}

export function optionalString(doc: MarkdownWithFrontMatter, key: string, prefix: string): string | undefined {
  const v = doc.data[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  doc.diagnostics.push(diag('error', `${prefix}/invalid`, `"${key}" must be text.`, doc.keyLine(key), 0));
  return undefined;
}

/** A list written as a YAML list, a JSON array or one comma-separated string (`Read, Edit, Bash`). */
export interface NameList {
  shape: 'list' | 'string';
  names: string[];
}

export function nameList(doc: MarkdownWithFrontMatter, key: string, prefix: string): NameList | undefined {
  const v = doc.data[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return { shape: 'string', names: v.split(',').map((s) => s.trim()).filter(Boolean) };
  if (Array.isArray(v)) {
    const names: string[] = [];
    for (const item of v) {
      if (typeof item === 'string' && item.trim()) names.push(item.trim());
      else doc.diagnostics.push(diag('warning', `${prefix}/invalid`, `"${key}" holds ${JSON.stringify(item)}, which is not a name; it is ignored.`, doc.keyLine(key), 0));
    }
    return { shape: 'list', names };
  }
  doc.diagnostics.push(diag('error', `${prefix}/invalid`, `"${key}" must be a list of names or one comma-separated string.`, doc.keyLine(key), 0));
  return undefined;
}

/** The body without a leading blank line: what the model reads. */
export function bodyText(doc: MarkdownWithFrontMatter): string {
  return doc.body.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

/** `agents/team/planner.md` → `team/planner`; `skills/x/SKILL.md` → `x`. */
export function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}
