import { argValues, commandBaseName, type SimpleCommand } from './simple-command';

/**
 * What the OS sandbox changes in command trust (electron/services/sandbox): where a sandbox exists, a command runs
 * confined without asking; one that needs to leave it (the network, a write outside the workspace, or the agent
 * says so) asks every time. Where none exists, only a small closed set runs unasked.
 */
export type RunMode = 'confined' | 'network' | 'none';

export interface LeaveReason {
  /** 'network': confined but online; 'outside': no sandbox at all. */
  needs: 'network' | 'outside';
  text: string;
}

/** Programs whose job is the network: inside the sandbox they could only fail. */
const NETWORK_TOOLS = new Set(['curl', 'wget', 'ssh', 'scp', 'sftp', 'rsync', 'nc', 'ncat', 'netcat', 'telnet', 'ftp', 'socat', 'ping', 'dig', 'nslookup', 'host', 'gh', 'aria2c', 'http', 'xh']);
const GIT_NETWORK = new Set(['fetch', 'pull', 'push', 'clone', 'ls-remote', 'submodule', 'remote']);
const PACKAGE_TOOLS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'pip', 'pip3', 'uv', 'poetry', 'cargo', 'go', 'gem', 'bundle', 'composer', 'apt', 'apt-get', 'brew', 'docker']);
const PACKAGE_NETWORK = new Set(['install', 'i', 'ci', 'add', 'update', 'upgrade', 'publish', 'fetch', 'get', 'download', 'pull', 'push', 'login', 'sync', 'dlx', 'create']);
/** Write targets that are fine inside the sandbox: the private /tmp and the harmless devices. */
const WRITABLE_OUTSIDE = [/^\/tmp(\/|$)/, /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/];

/**
 * Why these commands need to leave the sandbox, if they visibly do. `workspace` is the absolute folder: a
 * redirection to an absolute path outside it (or to `~`) needs to leave it. A miss here is not a hole — the
 * sandbox still holds and the command fails inside it; this only decides when to ask up front.
 */
export function leaveReasons(commands: readonly SimpleCommand[], workspace?: string): LeaveReason[] {
  const reasons: LeaveReason[] = [];
  const add = (r: LeaveReason) => {
    if (!reasons.some((x) => x.text === r.text)) reasons.push(r);
  };
  for (const cmd of commands) {
    for (const r of cmd.redirects) {
      const target = r.target;
      if (target === null) continue;
      if (/^\/dev\/(tcp|udp)\//.test(target)) add({ needs: 'network', text: `Opens a network connection (${target}).` });
      else if (!r.op.startsWith('<') && writesOutside(target, workspace)) add({ needs: 'outside', text: `Writes outside the workspace (${target}).` });
    }
    const base = commandBaseName(cmd);
    if (base === null) continue;
    const args = argValues(cmd);
    const sub = args.find((a) => a !== null && !a.startsWith('-')) ?? null;
    if (NETWORK_TOOLS.has(base)) add({ needs: 'network', text: `${base} uses the network.` });
    else if (base === 'git' && sub !== null && GIT_NETWORK.has(sub)) add({ needs: 'network', text: `git ${sub} uses the network.` });
    else if (PACKAGE_TOOLS.has(base) && sub !== null && PACKAGE_NETWORK.has(sub)) add({ needs: 'network', text: `${base} ${sub} uses the network.` });
  }
  return reasons;
}

function writesOutside(target: string, workspace: string | undefined): boolean {
  if (target.startsWith('~')) return true;
  if (!target.startsWith('/')) return false;
  if (WRITABLE_OUTSIDE.some((p) => p.test(target))) return false;
  return workspace === undefined || !(target === workspace || target.startsWith(workspace.endsWith('/') ? workspace : `${workspace}/`));
}

/** How the sandbox requirement combines: any 'outside' wins over 'network'. */
export function modeFor(reasons: readonly LeaveReason[]): RunMode {
  if (reasons.length === 0) return 'confined';
  return reasons.some((r) => r.needs === 'outside') ? 'none' : 'network';
}

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

type ArgCheck = (args: string[]) => boolean;
const noArgs: ArgCheck = (args) => args.length === 0;
const onlyFlags =
  (pattern: RegExp): ArgCheck =>
  (args) =>
    args.every((a) => pattern.test(a));
const exactly =
  (...expected: string[]): ArgCheck =>
  (args) =>
    args.length === expected.length && args.every((a, i) => a === expected[i]);

/**
 * Without a sandbox nothing runs unasked but these: programs that print facts and read no file contents, written
 * out completely — literal words only, at the top level, no wrappers, redirections or variable assignments.
 */
const CLOSED_SET: Record<string, ArgCheck> = {
  pwd: noArgs,
  true: noArgs,
  false: noArgs,
  whoami: noArgs,
  date: noArgs,
  uname: onlyFlags(/^-[asnrvmpio]+$/),
  echo: (args) => args.every((a) => !a.startsWith('-') || /^-[neE]+$/.test(a)),
  ls: (args) => args.every((a) => /^-[alhAFtrRS1d]+$/.test(a) || !a.startsWith('-')),
  node: exactly('--version'),
  git: exactly('--version'),
  npm: exactly('--version'),
  python3: exactly('--version'),
};

/** Why `cmd` is outside the closed set, or undefined when it is in it. */
export function outsideClosedSet(cmd: SimpleCommand): string | undefined {
  if (cmd.untrustable) return cmd.untrustable;
  if (cmd.origin !== 'top') return 'inside another command: only plain commands run unasked without a sandbox';
  if (cmd.wrappers.length > 0 || cmd.runsScriptOnly) return 'runs another command: only plain commands run unasked without a sandbox';
  if (cmd.assignments.length > 0) return 'sets variables: asks without a sandbox';
  if (cmd.redirects.length > 0) return 'redirects input or output: asks without a sandbox';
  if (cmd.openArguments) return 'takes arguments at run time: asks without a sandbox';
  // Plain words only (no quotes, globs, braces, `~`, variables): what is written is exactly what runs.
  const words = cmd.words.map((w) => (w.value !== null && w.value === w.raw && PLAIN_WORD.test(w.raw) ? w.value : null));
  if (words.length === 0 || words.some((w) => w === null)) return 'uses quotes, patterns or expansions: asks without a sandbox';
  const [name, ...args] = words as string[];
  const check = Object.hasOwn(CLOSED_SET, name!) ? CLOSED_SET[name!] : undefined;
  if (!check || !check(args)) return 'no sandbox here: only a few read-only commands run unasked';
  return undefined;
}
