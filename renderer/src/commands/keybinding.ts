/**
 * Keybindings in VS Code's notation: `ctrlcmd+shift+p`, `f1`, `ctrl+k s` (a chord: two presses in a row).
 * `ctrlcmd` is Cmd on macOS and Ctrl elsewhere, so one table serves every platform.
 */

export interface KeyPress {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** Lower-case key name: `p`, `` ` ``, `f1`, `enter`, `escape`, `pageup`, `delete`… */
  key: string;
}

export type Keybinding = KeyPress[];

export type Platform = 'mac' | 'other';

const MODIFIERS = new Set(['ctrl', 'shift', 'alt', 'meta', 'cmd', 'ctrlcmd', 'win', 'option']);

export class KeybindingParseError extends Error {}

/** Parses `ctrlcmd+k s`; throws KeybindingParseError with the reason for a malformed binding. */
export function parseKeybinding(text: string, platform: Platform): Keybinding {
  const chords = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (chords.length === 0) throw new KeybindingParseError('Empty keybinding');
  if (chords.length > 2) throw new KeybindingParseError(`Too many chords in "${text}" (at most two)`);
  return chords.map((chord) => parseChord(chord, text, platform));
}

function parseChord(chord: string, whole: string, platform: Platform): KeyPress {
  // `ctrl++` binds the plus key: split on '+' but keep a trailing empty part as the key '+'.
  const parts = chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+');
  const press: KeyPress = { ctrl: false, shift: false, alt: false, meta: false, key: '' };
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (!last) {
      if (!MODIFIERS.has(part)) throw new KeybindingParseError(`Unknown modifier "${part}" in "${whole}"`);
      if (part === 'ctrl') press.ctrl = true;
      else if (part === 'shift') press.shift = true;
      else if (part === 'alt' || part === 'option') press.alt = true;
      else if (part === 'meta' || part === 'cmd' || part === 'win') press.meta = true;
      else if (platform === 'mac') press.meta = true;
      else press.ctrl = true;
      return;
    }
    if (!part || MODIFIERS.has(part)) throw new KeybindingParseError(`Missing key in "${whole}"`);
    press.key = part;
  });
  return press;
}

const CODE_KEYS: Record<string, string> = {
  Backquote: '`',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Space: 'space',
};

/**
 * The key a KeyboardEvent stands for, ignoring Shift's effect on the character (Shift+` is still `` ` ``), so
 * bindings are written with the unshifted key as in VS Code.
 */
export function keyFromEvent(e: { key: string; code: string }): string {
  const { code } = e;
  if (/^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  const mapped = CODE_KEYS[code];
  if (mapped) return mapped;
  const key = e.key.toLowerCase();
  if (key === ' ') return 'space';
  if (key.startsWith('arrow')) return key.slice(5);
  if (key === 'esc') return 'escape';
  return key;
}

export function pressFromEvent(e: {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): KeyPress {
  return { ctrl: e.ctrlKey, shift: e.shiftKey, alt: e.altKey, meta: e.metaKey, key: keyFromEvent(e) };
}

export function samePress(a: KeyPress, b: KeyPress): boolean {
  return a.key === b.key && a.ctrl === b.ctrl && a.shift === b.shift && a.alt === b.alt && a.meta === b.meta;
}

export function isModifierOnly(press: KeyPress): boolean {
  return ['control', 'shift', 'alt', 'meta', 'os'].includes(press.key);
}

const KEY_LABELS: Record<string, string> = {
  escape: 'Escape',
  enter: 'Enter',
  delete: 'Delete',
  backspace: 'Backspace',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  space: 'Space',
  tab: 'Tab',
  up: 'UpArrow',
  down: 'DownArrow',
  left: 'LeftArrow',
  right: 'RightArrow',
};

/** Human label: `Ctrl+Shift+P`, `Ctrl+K S` elsewhere; `⇧⌘P`, `⌘K S` on macOS, as VS Code shows them. */
export function formatKeybinding(binding: Keybinding, platform: Platform): string {
  return binding
    .map((p) => {
      const key = KEY_LABELS[p.key] ?? (p.key.length === 1 ? p.key.toUpperCase() : p.key.toUpperCase());
      if (platform === 'mac') {
        return `${p.ctrl ? '⌃' : ''}${p.alt ? '⌥' : ''}${p.shift ? '⇧' : ''}${p.meta ? '⌘' : ''}${key}`;
      }
      const mods = [p.ctrl && 'Ctrl', p.shift && 'Shift', p.alt && 'Alt', p.meta && 'Meta'].filter(Boolean);
      return [...mods, key].join('+');
    })
    .join(' ');
}

export function detectPlatform(nav: { platform?: string; userAgent?: string } | undefined): Platform {
  const text = `${nav?.platform ?? ''} ${nav?.userAgent ?? ''}`;
  return /Mac|iPhone|iPad/.test(text) ? 'mac' : 'other';
}
