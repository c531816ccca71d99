import type { CommandTerminal } from '../agent/terminal-runner';
import type { PtySession, PtySessionEvents } from './pty-session';

/** What the terminal service keeps for a terminal started by runCommand. */
export interface CommandTerminalEntry {
  /** Handed to the caller (the agent's command runner, a hook). */
  readonly handle: CommandTerminal;
  /** The session's events, fanned out to the handle's listeners. */
  readonly events: PtySessionEvents;
}

/**
 * The caller's view of a command's terminal: its output (the same batches the renderer gets), its exit — settled
 * once, after the last output, because the session flushes before it reports the exit — and a kill that reaches
 * every process the command started.
 */
export function commandTerminal(id: string, session: () => PtySession): CommandTerminalEntry {
  const listeners = new Set<(data: string) => void>();
  let settle: (exit: { exitCode: number; signal?: number }) => void = () => undefined;
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => (settle = resolve));
  return {
    handle: {
      id,
      onData(listener) {
        listeners.add(listener);
        return { dispose: () => void listeners.delete(listener) };
      },
      exited,
      kill: (signal = 'SIGTERM') => session().killGroup(signal),
    },
    events: {
      onData(data) {
        for (const listener of listeners) {
          try {
            listener(data);
          } catch (err) {
            // One listener failing must not stop the others or the terminal.
            console.error('Keel: a command terminal listener failed:', err);
          }
        }
      },
      onExit(exitCode, signal) {
        listeners.clear();
        settle(signal === undefined ? { exitCode } : { exitCode, signal });
      },
    },
  };
}
