/** How many output chunks are kept for a terminal whose tab does not exist yet (about 16 s of a flood). */
export const ORPHAN_LIMIT = 1000;

/** Signal numbers as Linux and macOS share them, for the line a terminal shows when its process is ended. */
const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 13: 'SIGPIPE', 15: 'SIGTERM' };

/**
 * The line a terminal shows once its process is gone (like VS Code's task terminals), dimmed so it reads as
 * Keel's note rather than the program's output. 128 + n is how a shell reports death by signal n. `midLine`:
 * the cursor is not at the start of a line (the output did not end with a line break).
 */
export function exitMessage(exitCode: number, signal?: number, midLine = true): string {
  let text: string;
  if (signal) text = `Process ended by ${SIGNALS[signal] ?? `signal ${signal}`} (exit code ${128 + signal})`;
  else if (exitCode > 128 && SIGNALS[exitCode - 128]) text = `Process ended by ${SIGNALS[exitCode - 128]} (exit code ${exitCode})`;
  else text = `Process exited with code ${exitCode}`;
  // A blank line apart from the output, starting on a fresh line whether or not the program ended its last one.
  return `${midLine ? '\r\n' : ''}\r\n\x1b[0m\x1b[2m${text}. Press any key to close this terminal.\x1b[0m\r\n`;
}

/**
 * Whether the keyboard is in the terminal panel (the user is typing into a terminal): a terminal the host opens
 * then gets a tab without coming to the front, so the keys keep going where the user sees them go.
 */
export function keepsTypingTarget(host: HTMLElement | null): boolean {
  const focused = document.activeElement;
  return !!host && !!focused && host.contains(focused);
}

type Exit = { exitCode: number; signal?: number };

/**
 * Terminals the host announced (`terminal/opened`: a command run by the agent or a hook). This window got their
 * output from the first byte as events, so they need no scrollback — unless more arrived before the tab existed
 * than is kept (`overflowed`: the tab then starts from the host's scrollback). An exit that comes before the tab
 * is held until the output before it is written.
 */
export class AnnouncedTerminals {
  private readonly ids = new Set<string>();
  private readonly overflowed = new Set<string>();
  private readonly exits = new Map<string, Exit>();

  /** False when it was announced already. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  overflow(id: string): void {
    this.overflowed.add(id);
  }

  takeOverflow(id: string): boolean {
    return this.overflowed.delete(id);
  }

  holdExit(id: string, exit: Exit): void {
    this.exits.set(id, exit);
  }

  takeExit(id: string): Exit | undefined {
    const exit = this.exits.get(id);
    this.exits.delete(id);
    return exit;
  }

  forget(id: string): void {
    this.overflowed.delete(id);
    this.exits.delete(id);
  }
}
