/**
 * How a command is shown for consent: exactly, with nothing that can hide part of it. Characters a screen does not
 * show as themselves become marked escapes — control characters as `\x1B`, bidi overrides and invisible characters
 * as `\u202E` — long runs of spaces and of empty lines are collapsed into a counted marker, and every line is a
 * line of its own. Pure, so it is unit-tested.
 */

export type CommandPart =
  | { kind: 'text'; text: string }
  /** A character shown as `shown` instead of itself; `flag` says whether it is worth a warning. */
  | { kind: 'escape'; text: string; shown: string; name: string; flag: 'control' | 'bidi' | 'invisible' | null }
  /** A run of `count` spaces/tabs (or empty lines) collapsed into one marker. */
  | { kind: 'run'; text: string; count: number; what: 'spaces' | 'empty lines' };

export interface CommandDisplay {
  /** One entry per line of the command (split on \n, which is not part of any line). */
  lines: CommandPart[][];
  /** Plain-language warnings about what the display marks, empty for an ordinary command. */
  flags: string[];
  /** Lines in the command as given (before empty runs are collapsed). */
  lineCount: number;
}

/** Runs of whitespace at least this long are collapsed and flagged (aligned columns stay readable below it). */
export const LONG_SPACE_RUN = 16;
/** Runs of empty lines at least this long are collapsed and flagged. */
export const LONG_EMPTY_RUN = 3;

const NAMES: Record<number, string> = {
  0x00: 'NUL', 0x07: 'BEL', 0x08: 'BACKSPACE', 0x09: 'TAB', 0x0b: 'VERTICAL TAB', 0x0c: 'FORM FEED', 0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE', 0x7f: 'DELETE', 0x85: 'NEXT LINE', 0xa0: 'NO-BREAK SPACE', 0xad: 'SOFT HYPHEN', 0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR', 0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2060: 'WORD JOINER', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

const hex = (cp: number) => `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const hex2 = (cp: number) => cp.toString(16).toUpperCase().padStart(2, '0');
const escHex = (cp: number) => (cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : hex(cp));

function isBidi(cp: number): boolean {
  return cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/** Invisible or look-alike characters: zero-width, odd spaces, separators, tag characters, variation selectors. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0xa0 || cp === 0xad || cp === 0x180e || cp === 0x3000 || cp === 0x202f || cp === 0x205f || cp === 0xfeff ||
    (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2028 && cp <= 0x2029) || (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xfff9 && cp <= 0xfffb)
  );
}

function escapeFor(ch: string): CommandPart | null {
  const cp = ch.codePointAt(0) as number;
  const name = NAMES[cp] ?? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  // A tab is ordinary in a script; shown as an arrow so its width cannot hide anything, but not a warning.
  if (cp === 0x09) return { kind: 'escape', text: ch, shown: '⇥', name, flag: null };
  // `\x1B`, not the Control Pictures glyph (␛): monospace fonts often lack those and draw an empty box.
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return { kind: 'escape', text: ch, shown: `\\x${hex2(cp)}`, name, flag: 'control' };
  if (isBidi(cp)) return { kind: 'escape', text: ch, shown: hex(cp), name, flag: 'bidi' };
  if (isInvisible(cp)) return { kind: 'escape', text: ch, shown: escHex(cp), name, flag: 'invisible' };
  return null;
}

function lineParts(line: string): CommandPart[] {
  const parts: CommandPart[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  const chars = [...line];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === ' ' || ch === '\t') {
      let j = i;
      while (j < chars.length && (chars[j] === ' ' || chars[j] === '\t')) j++;
      if (j - i >= LONG_SPACE_RUN) {
        flush();
        parts.push({ kind: 'run', text: chars.slice(i, j).join(''), count: j - i, what: 'spaces' });
        i = j - 1;
        continue;
      }
    }
    const esc = escapeFor(ch);
    if (esc) {
      flush();
      parts.push(esc);
    } else text += ch;
  }
  flush();
  return parts;
}

export function displayCommand(command: string): CommandDisplay {
  const raw = command.split('\n');
  const lines: CommandPart[][] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '') {
      let j = i;
      while (j < raw.length && raw[j] === '') j++;
      // Empty lines between content (not the one after a final newline) are collapsed when there are many.
      if (j - i >= LONG_EMPTY_RUN && j < raw.length) {
        lines.push([{ kind: 'run', text: '\n'.repeat(j - i - 1), count: j - i, what: 'empty lines' }]);
        i = j - 1;
        continue;
      }
    }
    lines.push(lineParts(raw[i] as string));
  }
  return { lines, flags: flagsOf(lines), lineCount: raw.length };
}

function flagsOf(lines: CommandPart[][]): string[] {
  const parts = lines.flat();
  const flags: string[] = [];
  const names = (flag: string) => [...new Set(parts.flatMap((p) => (p.kind === 'escape' && p.flag === flag ? [`${p.shown} ${p.name}`] : [])))];
  const control = names('control');
  if (control.length) flags.push(`Control characters, shown as marked escapes: ${control.join(', ')}`);
  const bidi = names('bidi');
  if (bidi.length) flags.push(`Characters that reorder how text is displayed (bidi controls): ${bidi.join(', ')}`);
  const invisible = names('invisible');
  if (invisible.length) flags.push(`Invisible or look-alike characters: ${invisible.join(', ')}`);
  const spaces = parts.filter((p) => p.kind === 'run' && p.what === 'spaces');
  if (spaces.length) flags.push(`Long runs of spaces (collapsed, counted): ${spaces.map((p) => (p as { count: number }).count).join(', ')}`);
  const empty = parts.filter((p) => p.kind === 'run' && p.what === 'empty lines');
  if (empty.length) flags.push(`Runs of empty lines (collapsed, counted): ${empty.map((p) => (p as { count: number }).count).join(', ')}`);
  return flags;
}
