/**
 * The line model every Markdown parser builds on. Each line keeps its own text and its own line ending, so joining
 * the lines back gives the original bytes (the lossless rule of ARCHITECTURE.md §4) and an edit can replace exactly
 * the lines it touches while the rest of the file — CRLF, LF, a missing final newline — stays as it was.
 */

export type Eol = '\r\n' | '\n' | '\r' | '';

export interface SourceLine {
  /** The line's content without its line ending. */
  text: string;
  /** The line ending as written ('' only for a last line without a newline). */
  eol: Eol;
  /** Offset of the line's first character in the original text. */
  offset: number;
}

/** Splits text into lines that keep their endings; `joinLines(splitLines(t)) === t` for every string. */
export function splitLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 /* \n */) {
      lines.push({ text: source.slice(start, i), eol: '\n', offset: start });
      start = i + 1;
    } else if (c === 13 /* \r */) {
      const crlf = source.charCodeAt(i + 1) === 10;
      lines.push({ text: source.slice(start, i), eol: crlf ? '\r\n' : '\r', offset: start });
      if (crlf) i++;
      start = i + 1;
    }
  }
  if (start < n) lines.push({ text: source.slice(start), eol: '', offset: start });
  return lines;
}

export function joinLines(lines: readonly Pick<SourceLine, 'text' | 'eol'>[]): string {
  let out = '';
  for (const line of lines) out += line.text + line.eol;
  return out;
}

/** The ending most lines use; new lines get it so a CRLF file stays CRLF. Defaults to LF. */
export function dominantEol(lines: readonly SourceLine[]): Exclude<Eol, ''> {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (const line of lines) {
    if (line.eol === '\n') lf++;
    else if (line.eol === '\r\n') crlf++;
    else if (line.eol === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** Leading whitespace of a line. */
export function indentOf(text: string): string {
  const m = /^[ \t]*/.exec(text);
  return m ? m[0] : '';
}

/** Visual width of an indent (a tab counts as 4 columns, as Markdown does). */
export function indentWidth(indent: string): number {
  let w = 0;
  for (const ch of indent) w += ch === '\t' ? 4 - (w % 4) : 1;
  return w;
}

export function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

/** Maps offsets to 0-based line/column using a line-start table (binary search). */
export function offsetToPosition(lines: readonly SourceLine[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  if (hi < 0) return { line: 0, column: offset };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] as SourceLine).offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const line = lines[lo] as SourceLine;
  return { line: lo, column: offset - line.offset };
}
