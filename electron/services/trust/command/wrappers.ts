import type { ShellWord } from './simple-command';

/**
 * Commands that only run another command (`timeout 5 make`, `env A=1 npm test`, `xargs rm`). Trust is decided on
 * the command they run, so they are peeled off; an option we don't know makes the wrapper itself the command, which
 * then has to be trusted explicitly.
 */
export interface Unwrapped {
  /** The wrapped command's words. */
  words: ShellWord[];
  /** `NAME=value` words `env` adds for the wrapped command. */
  assignments: ShellWord[];
  /** The wrapper's own words, as text for display (`timeout 5`). */
  wrapper: string;
  /** The wrapped command receives more arguments at run time (xargs). */
  openArguments: boolean;
}

type Spec = { flags: Set<string>; withValue: Set<string>; positionalBefore?: number };

const spec = (flags: string[], withValue: string[] = [], positionalBefore = 0): Spec => ({
  flags: new Set(flags),
  withValue: new Set(withValue),
  positionalBefore,
});

const WRAPPERS: Record<string, Spec> = {
  nohup: spec([]),
  time: spec(['-p']),
  builtin: spec([]),
  nice: spec([], ['-n', '--adjustment']),
  timeout: spec(['--preserve-status', '--foreground', '-v', '--verbose'], ['-s', '--signal', '-k', '--kill-after'], 1),
  exec: spec(['-c', '-l'], ['-a']),
  command: spec(['-p']),
  env: spec(['-i', '--ignore-environment', '-0', '--null', '-'], ['-u', '--unset', '-C', '--chdir']),
  xargs: spec(
    ['-0', '--null', '-r', '--no-run-if-empty', '-t', '--verbose', '-p', '--interactive', '-x', '--exit', '-o', '--open-tty'],
    ['-n', '--max-args', '-P', '--max-procs', '-L', '--max-lines', '-s', '--max-chars', '-d', '--delimiter', '-E', '-I', '-a', '--arg-file', '--process-slot-var'],
  ),
};

/** Peels one wrapper off `words`; undefined when words[0] is no wrapper or cannot be safely peeled. */
export function unwrapOnce(words: ShellWord[]): Unwrapped | undefined {
  const name = words[0]?.value;
  if (!name) return undefined;
  const base = name.slice(name.lastIndexOf('/') + 1);
  const s = WRAPPERS[base];
  if (!s) return undefined;
  const assignments: ShellWord[] = [];
  let i = 1;
  let positional = 0;
  while (i < words.length) {
    const v = words[i]?.value;
    if (v === null || v === undefined) return undefined; // a dynamic option could be anything
    if (base === 'command' && (v === '-v' || v === '-V')) return undefined; // a lookup, not a run
    if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      assignments.push(words[i] as ShellWord);
      i++;
      continue;
    }
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      const eq = v.indexOf('=');
      const key = eq > 0 ? v.slice(0, eq) : v;
      if (s.flags.has(v)) i++;
      else if (s.withValue.has(key)) i += eq > 0 ? 1 : 2;
      else if (attachedShortValue(v, s) || (base === 'nice' && /^-\d+$/.test(v))) i++;
      else return undefined;
      continue;
    }
    if (positional < (s.positionalBefore ?? 0)) {
      positional++;
      i++;
      continue;
    }
    break;
  }
  const inner = words.slice(i);
  if (inner.length === 0) {
    // `env` alone prints the environment, `xargs` alone runs echo: the wrapper is the command.
    if (base === 'xargs') {
      return { words: [{ raw: 'echo', value: 'echo' }], assignments, wrapper: rawOf(words), openArguments: true };
    }
    return undefined;
  }
  return {
    words: inner,
    assignments,
    wrapper: rawOf(words.slice(0, i)),
    openArguments: base === 'xargs',
  };
}

/** `-n1`, `-I{}`: a short option with its value attached. */
function attachedShortValue(v: string, s: Spec): boolean {
  if (v.startsWith('--') || v.length < 3) return false;
  return s.withValue.has(v.slice(0, 2));
}

function rawOf(words: ShellWord[]): string {
  return words.map((w) => w.raw).join(' ');
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
const SHELL_OPTIONS_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

export type ShellInvocation =
  | { kind: 'script'; script: string }
  | { kind: 'dynamic-script' }
  | { kind: 'runs-file-or-stdin' };

/** Recognises `bash -c '…'`, `sh -lc "…"`, `bash script.sh`, `bash` (reading stdin). */
export function shellInvocation(words: ShellWord[]): ShellInvocation | undefined {
  const name = words[0]?.value;
  if (!name || !SHELLS.has(name.slice(name.lastIndexOf('/') + 1))) return undefined;
  let hasC = false;
  for (let i = 1; i < words.length; i++) {
    const v = words[i]?.value;
    if (v === null || v === undefined) return hasC ? { kind: 'dynamic-script' } : { kind: 'runs-file-or-stdin' };
    if (SHELL_OPTIONS_WITH_VALUE.has(v)) {
      i++;
      continue;
    }
    if (v === '--' || v === '-') continue;
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) hasC = true;
      continue;
    }
    if (v.startsWith('--')) continue;
    return hasC ? { kind: 'script', script: v } : { kind: 'runs-file-or-stdin' };
  }
  return { kind: 'runs-file-or-stdin' };
}

/** Names that run a shell script given as an argument or on stdin. */
export function isShellName(base: string): boolean {
  return SHELLS.has(base);
}
