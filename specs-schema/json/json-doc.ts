/**
 * JSON files (`*.kiro.hook`, `mcp.json`, `.config.kiro`) parsed tolerantly with jsonc-parser: the original text is
 * the document (so a parse → serialize round trip is byte-identical), the value is whatever could be read, and
 * syntax problems — including merge-conflict markers — become diagnostics. Edits go through jsonc-parser's
 * `modify`, which rewrites only the touched property using the file's own indentation and line ending.
 */
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser';
import { diag, type Diagnostic } from '../diagnostics';
import { dominantEol, splitLines, offsetToPosition, type SourceLine } from '../text/lines';
import type { EditResult } from '../text/edits';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../text/nesting';

export interface JsonFormat {
  insertSpaces: boolean;
  tabSize: number;
  eol: string;
}

export interface JsonDoc {
  text: string;
  lines: SourceLine[];
  /** The value as far as it could be read (undefined for an empty or unreadable file). */
  value: unknown;
  format: JsonFormat;
  diagnostics: Diagnostic[];
}

const CONFLICT = /^(<{7}|={7}|>{7})(?:[ \t]|$)/;

export function parseJsonDoc(text: string): JsonDoc {
  const lines = splitLines(text);
  if (nestsDeeperThan(text, MAX_JSON_DEPTH, 'json')) {
    // jsonc-parser recurses: parsing this would overflow the stack and take the whole feature down with it.
    const diagnostics = [diag('error', 'json/too-deep', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels; it is not read (the file is kept as it is).`, 0, 0)];
    return { text, lines, value: undefined, format: detectFormat(lines), diagnostics };
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const diagnostics: Diagnostic[] = [];
  const conflictLines = lines.map((l, i) => (CONFLICT.test(l.text) ? i : -1)).filter((i) => i >= 0);
  if (conflictLines.length) {
    const first = conflictLines[0] as number;
    diagnostics.push(
      diag('error', 'json/merge-conflict', `Unresolved merge conflict (markers on lines ${conflictLines.map((i) => i + 1).join(', ')}); resolve it before this file can be used.`, first, 0, { column: 7 }),
    );
  }
  for (const e of errors) {
    const pos = offsetToPosition(lines, e.offset);
    if (conflictLines.includes(pos.line)) continue;
    const end = offsetToPosition(lines, e.offset + Math.max(e.length, 1));
    diagnostics.push(diag('error', 'json/syntax', `JSON syntax error: ${describe(printParseErrorCode(e.error))}.`, pos.line, pos.column, end));
  }
  if (text.trim() === '') diagnostics.push(diag('error', 'json/empty', 'The file is empty.', 0, 0));
  return { text, lines, value, format: detectFormat(lines), diagnostics };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function detectFormat(lines: readonly SourceLine[]): JsonFormat {
  let insertSpaces = true;
  let tabSize = 2;
  for (const l of lines) {
    const m = /^([ \t]+)\S/.exec(l.text);
    if (!m) continue;
    const ws = m[1] as string;
    if (ws.startsWith('\t')) insertSpaces = false;
    else tabSize = ws.length;
    break;
  }
  return { insertSpaces, tabSize, eol: dominantEol(lines) };
}

/** Sets (or with `undefined` removes) the value at `path`, keeping every other byte of the file. */
export function setJsonValue(doc: JsonDoc, path: JSONPath, value: unknown): EditResult {
  const tooDeep = doc.diagnostics.filter((d) => d.code === 'json/too-deep');
  if (tooDeep.length) return { text: doc.text, changes: [], diagnostics: tooDeep };
  // A value written on one line is replaced on that line (jsonc-parser would re-flow arrays over several lines).
  const tree = value === undefined ? undefined : parseTree(doc.text, [], { allowTrailingComma: true });
  const node = tree ? findNodeAtLocation(tree, path) : undefined;
  if (node && !doc.text.slice(node.offset, node.offset + node.length).includes('\n')) {
    const change = { start: node.offset, end: node.offset + node.length, text: inlineJson(value) };
    return { text: doc.text.slice(0, change.start) + change.text + doc.text.slice(change.end), changes: [change], diagnostics: [] };
  }
  const edits = modify(doc.text, path, value, { formattingOptions: { ...doc.format, keepLines: true } });
  const changes = edits.map((e) => ({ start: e.offset, end: e.offset + e.length, text: e.content }));
  return { text: applyEdits(doc.text, edits), changes, diagnostics: [] };
}

/** One-line JSON with a space after commas and colons, as people write inline values. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/("(?:[^"\\]|\\.)*")|,|:/g, (m: string, str?: string) => str ?? (m === ',' ? ', ' : ': '));
}

/** Serializes a new JSON file in Kiro's style: two-space indent, LF, final newline. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** A plain-object view of a value (for reading fields tolerantly). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
