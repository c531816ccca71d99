/**
 * Steering files (`.kiro/steering/*.md`) and `AGENTS.md`: optional YAML front matter (inclusion, fileMatchPattern,
 * name, description — unknown keys and comments kept by the yaml Document API), a Markdown body, and
 * `#[[file:path]]` references that pull other files into the agent's context.
 */
import { Document, isMap, isScalar, parseDocument } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics';
import { SteeringFrontMatterSchema, STEERING_INCLUSIONS, type SteeringInclusion } from '../schemas/steering-schema';
import { joinLines, offsetToPosition, splitLines, type SourceLine } from '../text/lines';
import { scanMarkdown, type Heading } from '../text/markdown-scan';
import { MAX_FRONT_MATTER_CHARS, MAX_YAML_ALIASES, MAX_YAML_DEPTH, nestsDeeperThan } from '../text/nesting';

export interface FileRef {
  path: string;
  line: number;
  column: number;
  endColumn: number;
}

export interface FrontMatter {
  /** Line of the opening `---` (always 0) and of the closing `---`. */
  start: number;
  end: number;
  document: Document;
  /** The front matter as plain data (unknown keys included); empty when it is not a mapping. */
  data: Record<string, unknown>;
}

export interface SteeringDoc {
  kind: 'steering' | 'agents';
  lines: SourceLine[];
  frontMatter?: FrontMatter;
  /** Effective inclusion: the front matter's, `always` when absent (AGENTS.md is always included). */
  inclusion: SteeringInclusion;
  /** `inclusion` exactly as written when it is not one Keel knows. */
  unknownInclusion?: string;
  fileMatchPatterns: string[];
  name?: string;
  description?: string;
  bodyStart: number;
  headings: Heading[];
  fileRefs: FileRef[];
  diagnostics: Diagnostic[];
}

const FILE_REF = /#\[\[file:([^\]\n]+?)\]\]/g;
const KNOWN_KEYS = new Set(['inclusion', 'fileMatchPattern', 'name', 'description']);

export function parseSteering(source: string, kind: 'steering' | 'agents' = 'steering'): SteeringDoc {
  const lines = splitLines(source);
  const scan = scanMarkdown(lines, { frontMatter: true });
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const doc: SteeringDoc = { kind, lines, inclusion: 'always', fileMatchPatterns: [], bodyStart: scan.bodyStart, headings: scan.headings, fileRefs: [], diagnostics };
  if (scan.frontMatter) readFrontMatter(doc, scan.frontMatter);
  for (let i = scan.bodyStart; i < lines.length; i++) {
    if (scan.hidden[i]) continue;
    const text = (lines[i] as SourceLine).text;
    if (!text.includes('#[[')) continue;
    for (const m of text.matchAll(FILE_REF)) {
      const column = m.index ?? 0;
      doc.fileRefs.push({ path: (m[1] as string).trim(), line: i, column, endColumn: column + m[0].length });
    }
  }
  return doc;
}

function readFrontMatter(doc: SteeringDoc, range: { start: number; end: number }): void {
  const { lines, diagnostics } = doc;
  const contentStart = range.start + 1;
  const content = joinLines(lines.slice(contentStart, range.end));
  const base = contentStart < lines.length ? (lines[contentStart] as SourceLine).offset : 0;
  const limited = readLimitedYaml(content);
  if (!limited.ok) {
    // One bad file is one diagnostic: the steering file stays listed (inclusion `always` as with no front matter
    // is wrong for it, so it is treated as manual) and everything else keeps working.
    diagnostics.push(diag('error', 'steering/yaml-limit', `Front matter: ${limited.problem} It is ignored; this file is included only when asked for.`, contentStart, 0));
    doc.inclusion = 'manual';
    doc.frontMatter = { start: range.start, end: range.end, document: new Document(null), data: {} };
    return;
  }
  const { document, json } = limited;
  for (const e of [...document.errors, ...document.warnings]) {
    const at = offsetToPosition(lines, base + (e.pos[0] ?? 0));
    diagnostics.push(diag(document.errors.includes(e) ? 'error' : 'warning', 'steering/yaml', `Front matter: ${e.message.split('\n')[0]}`, at.line, at.column));
  }
  const data = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  doc.frontMatter = { start: range.start, end: range.end, document, data };
  if (content.trim() && !isMap(document.contents) && !document.errors.length) {
    diagnostics.push(diag('error', 'steering/front-matter', 'Front matter must be a YAML mapping (key: value lines).', contentStart, 0));
    return;
  }
  const keyLine = (key: string): number => {
    const pair = isMap(document.contents) ? document.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const start = isScalar(pair?.key) ? (pair.key.range?.[0] ?? 0) : 0;
    return offsetToPosition(lines, base + start).line;
  };
  const inclusion = data.inclusion;
  if (typeof inclusion === 'string' && (STEERING_INCLUSIONS as readonly string[]).includes(inclusion)) doc.inclusion = inclusion as SteeringInclusion;
  else if (inclusion !== undefined) {
    doc.unknownInclusion = String(inclusion);
    diagnostics.push(diag('warning', 'steering/unknown-inclusion', `Unknown inclusion "${String(inclusion)}"; use one of ${STEERING_INCLUSIONS.join(', ')}. It is treated as always.`, keyLine('inclusion'), 0));
  }
  const pattern = data.fileMatchPattern;
  if (typeof pattern === 'string') doc.fileMatchPatterns = splitPatternList(pattern);
  else if (Array.isArray(pattern)) doc.fileMatchPatterns = pattern.filter((p): p is string => typeof p === 'string');
  if (typeof data.name === 'string') doc.name = data.name;
  if (typeof data.description === 'string') doc.description = data.description;
  if (doc.unknownInclusion === undefined) {
    const result = SteeringFrontMatterSchema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? 'inclusion');
        diagnostics.push(diag('warning', 'steering/invalid', `${key}: ${issue.message}`, keyLine(key === 'fileMatchPattern' || key === 'description' ? 'inclusion' : key), 0));
      }
    }
  }
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) diagnostics.push(diag('info', 'steering/unknown-key', `"${key}" is not a Kiro steering key; it is kept but has no effect.`, keyLine(key), 0));
  }
}

type LimitedYaml = { ok: true; document: Document; json: unknown } | { ok: false; problem: string };

/** YAML with size, nesting and alias limits; anything beyond them (or a parser giving up) is a problem, not a throw. */
function readLimitedYaml(content: string): LimitedYaml {
  if (content.length > MAX_FRONT_MATTER_CHARS) return { ok: false, problem: `larger than ${MAX_FRONT_MATTER_CHARS / 1024} KB.` };
  if (nestsDeeperThan(content, MAX_YAML_DEPTH, 'yaml')) return { ok: false, problem: `nests deeper than ${MAX_YAML_DEPTH} levels.` };
  try {
    const document = parseDocument(content, { prettyErrors: false });
    const json: unknown = document.errors.length ? undefined : document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    return { ok: true, document, json };
  } catch (err) {
    // yaml refuses alias expansion beyond maxAliasCount ("resource exhaustion"); a stack overflow is caught too.
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, problem: `could not be read safely (${message}).` };
  }
}

/** A pattern written as one string may still list several globs separated by commas (outside braces). */
export function splitPatternList(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of pattern) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function serializeSteering(doc: SteeringDoc): string {
  return joinLines(doc.lines);
}
