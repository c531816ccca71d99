import { argValues, commandBaseName, type SimpleCommand } from './simple-command';
import { isShellName } from './wrappers';

/**
 * Commands that always ask, with a warning, whatever the user's trust rules say: a prefix rule like `git` or `rm`
 * must never turn into an unasked `git push --force` or `rm -rf`.
 */
export interface DestructiveFinding {
  /** Index of the command in the analysed list. */
  index: number;
  warning: string;
}

/** Variables that change which program runs or what it loads: setting one hijacks even a trusted command. */
const HIJACKING_VARS = new Set([
  'PATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'BASH_ENV', 'ENV', 'PROMPT_COMMAND', 'IFS', 'SHELLOPTS', 'PS4',
  'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'PAGER', 'GIT_EDITOR', 'EDITOR', 'VISUAL',
  'GIT_EXEC_PATH', 'GIT_CONFIG', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_PARAMETERS', 'NODE_OPTIONS', 'PYTHONSTARTUP',
  'PYTHONPATH', 'PERL5OPT', 'RUBYOPT',
]);

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'xh']);
const INTERPRETERS = new Set(['python', 'python3', 'perl', 'ruby', 'node', 'php', 'eval', 'source', '.', 'sudo']);
const DISK_TOOLS = new Set(['dd', 'mkfs', 'mke2fs', 'mkswap', 'fdisk', 'sfdisk', 'gdisk', 'parted', 'wipefs', 'shred', 'diskutil']);
const POWER = new Set(['shutdown', 'reboot', 'halt', 'poweroff']);
const ELEVATE = new Set(['sudo', 'doas', 'su', 'pkexec', 'runas']);
const SAFE_DEVICES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero']);

/** Commands whose arguments decide whether they are destructive: a dynamic argument may hide `-rf` or `--force`. */
const ARGUMENTS_DECIDE = new Set(['rm', 'git', 'chmod', 'chown', 'chgrp', 'find', 'xargs']);

export function argumentsMayHideDanger(cmd: SimpleCommand): boolean {
  const base = commandBaseName(cmd);
  return base !== null && ARGUMENTS_DECIDE.has(base) && cmd.words.slice(1).some((w) => w.value === null);
}

export function destructiveFindings(commands: SimpleCommand[]): DestructiveFinding[] {
  const findings: DestructiveFinding[] = [];
  commands.forEach((cmd, index) => {
    for (const warning of warningsFor(cmd)) findings.push({ index, warning });
  });
  findings.push(...downloadsIntoShell(commands));
  return findings;
}

function warningsFor(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  for (const a of cmd.assignments) {
    if (HIJACKING_VARS.has(a.name) || a.name.startsWith('DYLD_')) {
      out.push(`Sets ${a.name}, which changes what the command runs or loads.`);
    }
  }
  for (const r of cmd.redirects) {
    if (r.target?.startsWith('/dev/') && !SAFE_DEVICES.has(r.target) && !r.op.startsWith('<')) {
      out.push(`Writes directly to the device ${r.target}.`);
    }
  }
  const base = commandBaseName(cmd);
  if (base === null) return out;
  const args = argValues(cmd);
  const flags = shortFlags(args);
  const has = (...names: string[]) => args.some((a) => a !== null && names.includes(a));

  if (ELEVATE.has(base)) out.push(`${base} runs the command with administrator rights.`);
  if (base === 'rm' && (flags.has('r') || flags.has('R') || has('--recursive'))) {
    out.push('rm -r deletes whole folders, with no undo.');
  }
  if (DISK_TOOLS.has(base) || base.startsWith('mkfs.')) out.push(`${base} can overwrite disks or erase data for good.`);
  if (POWER.has(base)) out.push(`${base} stops the machine.`);
  if ((base === 'chmod' || base === 'chown' || base === 'chgrp') && (flags.has('R') || has('--recursive'))) {
    out.push(`${base} -R changes permissions of every file below the folder.`);
  }
  if (base === 'find' && has('-delete')) out.push('find -delete deletes every file it matches.');
  if (base === 'git') out.push(...gitWarnings(args));
  return out;
}

function gitWarnings(args: (string | null)[]): string[] {
  const sub = args[0];
  const rest = args.slice(1);
  const flags = shortFlags(rest);
  const has = (...names: string[]) => rest.some((a) => a !== null && names.some((n) => a === n || a.startsWith(`${n}=`)));
  if (sub === 'push' && (flags.has('f') || has('--force', '--force-with-lease', '--mirror', '--delete') || flags.has('d') || rest.some((a) => a?.startsWith('+')))) {
    return ['git push --force rewrites history on the remote for everyone.'];
  }
  if (sub === 'reset' && has('--hard')) return ['git reset --hard throws away uncommitted changes.'];
  if (sub === 'clean' && (flags.has('f') || has('--force'))) return ['git clean -f deletes untracked files for good.'];
  if (sub === 'checkout' && (flags.has('f') || has('--force', '.'))) return ['git checkout -f / . throws away uncommitted changes.'];
  if (sub === 'branch' && (flags.has('D') || (flags.has('d') && flags.has('f')))) return ['git branch -D deletes a branch even if it is not merged.'];
  if (sub === 'filter-branch' || sub === 'filter-repo') return [`git ${sub} rewrites the whole history.`];
  return [];
}

/** Letters of the short options in args: `-rf` → r, f. Long options and values are ignored. */
function shortFlags(args: (string | null)[]): Set<string> {
  const letters = new Set<string>();
  for (const a of args) {
    if (a === '--') break;
    if (a && /^-[A-Za-z]+$/.test(a)) for (const ch of a.slice(1)) letters.add(ch);
  }
  return letters;
}

/** `curl … | sh`, `bash <(curl …)`, `sh -c "$(wget -O- …)"`: running code fresh from the network. */
function downloadsIntoShell(commands: SimpleCommand[]): DestructiveFinding[] {
  const findings: DestructiveFinding[] = [];
  const runsCode = (cmd: SimpleCommand | undefined) => {
    const base = cmd ? commandBaseName(cmd) : null;
    return base !== null && (isShellName(base) || INTERPRETERS.has(base));
  };
  commands.forEach((cmd, index) => {
    const base = commandBaseName(cmd);
    if (base === null || !DOWNLOADERS.has(base)) return;
    const pipe = cmd.pipeline;
    const laterInPipe =
      pipe !== undefined &&
      commands.some((other) => other.pipeline?.id === pipe.id && other.pipeline.index > pipe.index && runsCode(other));
    const parentRuns = cmd.parent !== undefined && (runsCode(commands[cmd.parent]) || commands[cmd.parent]?.runsScriptOnly === true);
    if (laterInPipe || parentRuns) {
      findings.push({ index, warning: `Runs code downloaded by ${base} without showing it first.` });
    }
  });
  return findings;
}
