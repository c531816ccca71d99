import { argValues, commandBaseName, type SimpleCommand } from './simple-command';

/**
 * Commands trusted without asking: they only read. Each entry checks the arguments too, because most "read"
 * tools have a flag that writes or runs something (`find -delete`, `rg --pre`, `sort -o`, `git branch -D`).
 * Only bare names qualify: `./ls` or `/tmp/cat` could be anything.
 */
type ArgCheck = (args: (string | null)[]) => boolean;

const any: ArgCheck = () => true;
const noArgs: ArgCheck = (args) => args.length === 0;
const without =
  (...forbidden: string[]): ArgCheck =>
  (args) =>
    args.every((a) => a !== null && !forbidden.some((f) => a === f || (f.startsWith('--') && a.startsWith(`${f}=`))));
/** Dynamic arguments are fine for tools with no dangerous flag at all. */
const withoutFlags =
  (...forbidden: string[]): ArgCheck =>
  (args) =>
    args.every((a) => a === null || !forbidden.some((f) => a === f || a.startsWith(`${f}=`) || (f.length === 2 && !f.startsWith('--') && a.startsWith(f))));

const GIT_READ_ONLY: Record<string, ArgCheck> = {
  status: any,
  log: without('--output', '--ext-diff'),
  diff: without('--output', '--ext-diff'),
  show: without('--output', '--ext-diff'),
  'rev-parse': any,
  'ls-files': any,
  blame: any,
  describe: any,
  shortlog: any,
  grep: without('--open-files-in-pager', '-O'),
  branch: (args) => args.every((a) => a !== null && ['-a', '-r', '-v', '-vv', '--list', '--all', '--remotes', '--verbose', '--show-current', '--no-color', '--color'].includes(a)),
  remote: (args) => args.every((a) => a === '-v' || a === '--verbose'),
  tag: (args) => args.every((a) => a === '-l' || a === '--list'),
  stash: (args) => args[0] === 'list' || args[0] === 'show',
};

const READ_ONLY: Record<string, ArgCheck> = {
  ls: any,
  cat: any,
  pwd: any,
  echo: any,
  printf: any,
  head: any,
  tail: any,
  wc: any,
  grep: any,
  egrep: any,
  fgrep: any,
  rg: withoutFlags('--pre', '--pre-glob'),
  find: without('-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls'),
  fd: withoutFlags('-x', '--exec', '-X', '--exec-batch'),
  which: any,
  type: any,
  whoami: noArgs,
  id: any,
  date: withoutFlags('-s', '--set'),
  uname: any,
  hostname: noArgs,
  file: any,
  stat: any,
  du: any,
  df: any,
  tree: withoutFlags('-o'),
  basename: any,
  dirname: any,
  realpath: any,
  readlink: any,
  true: any,
  false: any,
  test: any,
  '[': any,
  cd: any,
  sort: withoutFlags('-o', '--output'),
  cut: any,
  tr: any,
  nl: any,
  diff: any,
  cmp: any,
  comm: any,
  jq: any,
  env: noArgs,
  printenv: any,
  ps: any,
  uptime: any,
  sleep: any,
  export: any,
  local: any,
  declare: any,
  typeset: any,
  readonly: any,
  unset: any,
  command: (args) => args[0] === '-v' || args[0] === '-V',
  git: (args) => {
    const sub = args[0];
    const check = sub ? GIT_READ_ONLY[sub] : undefined;
    return check !== undefined && check(args.slice(1));
  },
};

/** True when `cmd` is on the built-in read-only list (its redirects are judged separately). */
export function isReadOnlyByDefault(cmd: SimpleCommand): boolean {
  if (cmd.words.length === 0) return true; // a bare assignment
  const name = cmd.words[0]?.value;
  if (!name || name.includes('/')) return false;
  const check = READ_ONLY[commandBaseName(cmd) ?? ''];
  return check !== undefined && check(argValues(cmd));
}

/** Redirect targets that write nothing anyone keeps. */
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);
const WRITE_OPS = new Set(['>', '>>', '&>', '&>>', '>|', '<>']);

/** Output redirections to real files: a read-only command that writes a file is not read-only any more. */
export function fileWrites(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  for (const r of cmd.redirects) {
    if (!WRITE_OPS.has(r.op)) continue;
    if (r.target !== null && (HARMLESS_TARGETS.has(r.target) || /^\d+$/.test(r.target) || r.target === '-')) continue;
    out.push(r.target ?? r.raw);
  }
  return out;
}
