import { stripVTControlCharacters } from 'node:util';
import type { TerminalOutputPort } from '../../../agent/context';
import type { TerminalInfo } from '../../../protocol';

/** What `#terminal` reads from the folder's terminals: the list, and one terminal's scrollback without attaching. */
export interface TerminalReads {
  list(): TerminalInfo[];
  /** Everything the terminal printed that is still in its scrollback, as received (escape sequences included). */
  scrollback(id: string): string;
}

/**
 * `#terminal`: the recent output of the terminal the chat pane names (its active one), else the newest terminal,
 * as plain text — colours and cursor movement removed, a line redrawn with `\r` (a progress bar) kept at its last
 * state — so the model reads what the user saw.
 */
export class TerminalOutput implements TerminalOutputPort {
  constructor(private readonly terminals: TerminalReads) {}

  async recentOutput({ maxChars, terminal }: { maxChars: number; terminal?: string }): Promise<{ title: string; text: string } | undefined> {
    const list = this.terminals.list();
    const info = terminal !== undefined ? list.find((t) => t.id === terminal) : list[list.length - 1];
    if (!info) return undefined;
    // Cleaned from a generous tail: escape sequences make the raw text longer than what it shows.
    const text = plainTerminalText(this.terminals.scrollback(info.id).slice(-maxChars * 4)).slice(-maxChars);
    if (!text.trim()) return undefined;
    const status = info.exitCode === null ? '' : ` (exited with ${info.exitCode})`;
    return { title: `${info.title}${status}`, text };
  }
}

/** Terminal output as a person reads it. */
export function plainTerminalText(raw: string): string {
  return stripVTControlCharacters(raw)
    .split('\n')
    .map((line) => {
      const parts = line.replace(/\r$/, '').split('\r');
      return applyBackspaces(parts[parts.length - 1] ?? '').trimEnd();
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '');
}

function applyBackspaces(line: string): string {
  if (!line.includes('\b')) return line;
  const out: string[] = [];
  for (const ch of line) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}
