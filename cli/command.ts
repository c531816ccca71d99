/**
 * One `keel` command = one file exporting a `Command`; `commands/index.ts` lists them. Commands write through the
 * given streams (so tests and other hosts can capture output) and return an exit code.
 */
import type { ParseArgsConfig } from 'node:util';

/**
 * Exit codes shared by every command (documented in `keel --help` and cli/README.md). 70 (internal failure) is
 * set by the entry point when a command crashes.
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, unavailable: 3 } as const;

export interface CommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  /** Colour output (stdout is a terminal, NO_COLOR unset — or FORCE_COLOR). Plain text otherwise. */
  color?: boolean;
  /**
   * A transient progress line on a terminal (overwritten in place, cleared when done); absent when stderr is not
   * a terminal, so logs and pipes get no progress noise.
   */
  progress?: (text: string | undefined) => void;
}

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** Words that select the command, e.g. ['spec', 'stats']. */
  path: string[];
  summary: string;
  /** Usage line after `keel`, e.g. `spec stats <file|dir>... [--json]`. */
  usage: string;
  /** Longer help: arguments, options, output format. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: CommandArgs, io: CommandIO): Promise<number> | number;
}

export class UsageError extends Error {}
