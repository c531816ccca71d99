/** One word of a command as the shell will see it. */
export interface ShellWord {
  /** The source text, quotes and all. */
  raw: string;
  /** The word after quote removal, or null when it depends on expansion ($VAR, $(…), globs of braces, …). */
  value: string | null;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `&>`, `>&`, `<<`, `<<<`, … */
  op: string;
  /** The destination after quote removal, or null when dynamic. */
  target: string | null;
  raw: string;
}

export interface ShellAssignment {
  name: string;
  raw: string;
}

/** Where a simple command sits: worth showing in the ask dialog ("inside $(…)", "inside bash -c"). */
export type CommandOrigin = 'top' | 'substitution' | 'inner-script' | 'exec-argument' | 'function-body';

/**
 * One simple command found anywhere in a command line, after unwrapping pass-through wrappers
 * (`env`, `timeout`, `nohup`, `xargs`, …). Every one of them must be trusted for the line to run unasked.
 */
export interface SimpleCommand {
  /** The source text of this command (for a wrapped one, the whole wrapper invocation). */
  text: string;
  /** Name first, then arguments. Empty for a bare assignment (`A=1`). */
  words: ShellWord[];
  /** `NAME=value` prefixes, and assignments made by `export`, `declare`, `local` or on their own. */
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  origin: CommandOrigin;
  /** Wrappers peeled off to reach this command, outermost first (`['timeout 5', 'nohup']`). */
  wrappers: string[];
  /** True when more arguments arrive at run time (xargs): an exact trust rule can then never match. */
  openArguments: boolean;
  /** Set for members of a pipeline of two or more commands: which pipeline, and the position in it. */
  pipeline?: { id: number; index: number };
  /** For a command inside `$(…)`, `<(…)` or a backtick, the index (in the result list) of the command using it. */
  parent?: number;
  /** A `bash -c` / `eval` whose script was parsed: it only forwards to the script's commands, listed on their own. */
  runsScriptOnly?: boolean;
  /** Why this command cannot be trusted whatever the rules say (dynamic name, unparsed inner script, …). */
  untrustable?: string;
}

/** The static value of word i, or null when absent or dynamic. */
export function wordValue(cmd: SimpleCommand, i: number): string | null {
  return cmd.words[i]?.value ?? null;
}

/** The command's name without a directory (`/usr/bin/rm` → `rm`), or null when dynamic. */
export function commandBaseName(cmd: SimpleCommand): string | null {
  const name = wordValue(cmd, 0);
  if (name === null) return null;
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Static argument values (word 1 onward); dynamic ones are null. */
export function argValues(cmd: SimpleCommand): (string | null)[] {
  return cmd.words.slice(1).map((w) => w.value);
}
