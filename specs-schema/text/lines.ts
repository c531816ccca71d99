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
  const n = source.length;
  let start = 0;
  // indexOf-based scan: most files are LF-only, so look for '\r' only when the file has one.
  const hasCR = source.includes('\r');
  while (start < n) {
    const nl = source.indexOf('\n', start);
    if (hasCR) {
      const cr = source.indexOf('\r', start);
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        const crlf = cr + 1 === nl;
        lines.push({ text: source.slice(start, cr), eol: crlf ? '\r\n' : '\r', offset: start });
        start = crlf ? cr + 2 : cr + 1;
        continue;
      }
    }
    if (nl < 0) {
      lines.push({ text: source.slice(start), eol: '', offset: start });
      break;
    }
    lines.push({ text: source.slice(start, nl), eol: '\n', offset: start });
    start = nl + 1;
  }
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
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.slice(0, i);
}

/** Visual width of an indent (a tab counts as 4 columns, as Markdown does). */
export function indentWidth(indent: string): number {
  let w = 0;
  for (const ch of indent) w += ch === '\t' ? 4 - (w % 4) : 1;
  return w;
}

/** Visual width of a line's leading whitespace, without allocating (hot path of every parser). */
export function leadingWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) w++;
    else if (c === 9) w += 4 - (w % 4);
    else break;
  }
  return w;
}

/** Index of the first character that is not a space or tab (text.length when blank). */
export function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
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
