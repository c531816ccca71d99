import type { FileMatches, LineMatch, MatchRange } from '../../../protocol';

/** Lines longer than this are skipped (and counted): a minified bundle's one line is no useful preview. */
export const HUGE_LINE_CHARS = 10_000;

/** What one file's search produced, reported when ripgrep says the file is done. */
export type FileOutcome =
  | { kind: 'matches'; file: FileMatches; count: number; hugeLinesSkipped: number }
  | { kind: 'binary'; path: string }
  | { kind: 'none'; hugeLinesSkipped: number };

interface RgText {
  text?: string;
  bytes?: string;
}

interface RgMessage {
  type: string;
  data?: {
    path?: RgText;
    lines?: RgText;
    line_number?: number;
    submatches?: { start: number; end: number }[];
    binary_offset?: number | null;
  };
}

/**
 * Turns ripgrep's `--json` lines into one outcome per file. Matches are held until the file's `end` message because
 * only then does ripgrep say whether the file was binary (with `--binary` it reports the offset of the first NUL).
 */
export class RgJsonParser {
  private pending = '';
  private current: { path: string; lines: LineMatch[]; count: number; huge: number } | undefined;

  constructor(private readonly onFile: (outcome: FileOutcome) => void) {}

  /** Feed a chunk of stdout (any split; lines are reassembled). */
  push(chunk: string): void {
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      if (line) this.handle(line);
    }
  }

  private handle(line: string): void {
    let msg: RgMessage;
    try {
      msg = JSON.parse(line) as RgMessage;
    } catch {
      return; // a truncated last line after a kill: nothing to show
    }
    const data = msg.data;
    if (!data) return;
    if (msg.type === 'begin') {
      this.current = { path: relPath(decode(data.path)), lines: [], count: 0, huge: 0 };
    } else if (msg.type === 'match' && this.current) {
      const raw = data.lines?.text;
      const text = stripEol(raw ?? decode(data.lines));
      if (text.length > HUGE_LINE_CHARS) {
        this.current.huge++;
        return;
      }
      const ranges = toColumns(raw, text, data.submatches ?? []);
      this.current.lines.push({ line: data.line_number ?? 0, text, ranges });
      this.current.count += ranges.length;
    } else if (msg.type === 'end' && this.current) {
      const done = this.current;
      this.current = undefined;
      if (typeof data.binary_offset === 'number') this.onFile({ kind: 'binary', path: done.path });
      else if (done.lines.length > 0)
        this.onFile({ kind: 'matches', file: { path: done.path, lines: done.lines }, count: done.count, hugeLinesSkipped: done.huge });
      else this.onFile({ kind: 'none', hugeLinesSkipped: done.huge });
    }
  }
}

function decode(value: RgText | undefined): string {
  if (!value) return '';
  if (value.text !== undefined) return value.text;
  // Not valid UTF-8: ripgrep sends base64; show it lossily rather than drop the match.
  return value.bytes ? Buffer.from(value.bytes, 'base64').toString('utf8') : '';
}

function relPath(p: string): string {
  return p.replace(/^\.[\\/]/, '').replace(/\\/g, '/');
}

function stripEol(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** ripgrep reports byte offsets into the UTF-8 line; the renderer needs UTF-16 columns. */
function toColumns(raw: string | undefined, text: string, submatches: { start: number; end: number }[]): MatchRange[] {
  // eslint-disable-next-line no-control-regex -- pure ASCII: bytes and UTF-16 units coincide
  if (raw !== undefined && /^[\x00-\x7f]*$/.test(raw)) {
    return submatches.map((m) => ({ start: Math.min(m.start, text.length), end: Math.min(m.end, text.length) }));
  }
  const bytes = Buffer.from(text, 'utf8');
  const col = (offset: number) => bytes.subarray(0, Math.min(offset, bytes.length)).toString('utf8').length;
  return submatches.map((m) => ({ start: col(m.start), end: col(m.end) }));
}
