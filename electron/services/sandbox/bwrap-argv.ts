import type { SandboxPolicy } from './policy';

export interface SandboxedCommand {
  /** The shell that runs the command line inside (`/bin/bash`, `/bin/sh`). */
  shell: string;
  command: string;
  /** Where the command starts (inside the workspace). */
  cwd: string;
}

/**
 * The bubblewrap arguments for `policy` (pure: no disk, no process). Order matters — bwrap applies mounts in
 * order, so the whole root goes read-only first, private folders hide what is under them, then the workspace is
 * made writable again, and the read-only and hidden paths inside it come last, over it.
 */
export function bwrapArgv(policy: SandboxPolicy, run: SandboxedCommand): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of policy.privateDirs) args.push('--tmpfs', dir);
  args.push('--bind', policy.workspace, policy.workspace);
  for (const dir of policy.pinned) args.push('--bind', dir, dir);
  for (const path of policy.readOnly) args.push('--ro-bind', path, path);
  for (const hidden of policy.hidden) {
    if (hidden.kind === 'file') args.push('--ro-bind', '/dev/null', hidden.path);
    else args.push('--tmpfs', hidden.path, '--remount-ro', hidden.path);
  }
  // A new pid namespace (so /proc shows none of Keel's processes or their environments), ipc, uts, cgroup and —
  // unless allowed — network; the user namespace when the kernel allows it.
  args.push('--unshare-all');
  if (policy.network) args.push('--share-net');
  // --new-session: the command cannot push keystrokes into Keel's terminal (TIOCSTI); --die-with-parent: if Keel
  // or the runner dies, nothing inside outlives it.
  args.push('--die-with-parent', '--new-session', '--chdir', run.cwd, '--', run.shell, '-c', run.command);
  return args;
}
