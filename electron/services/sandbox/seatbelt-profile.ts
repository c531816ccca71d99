import type { SandboxPolicy } from './policy';

/**
 * The macOS sandbox-exec (Seatbelt) profile for `policy`: the same rules as the bwrap arguments in Seatbelt's
 * language. In SBPL the last matching rule wins, so the broad allows come first and the exceptions after them.
 * macOS has no private /tmp per command: the policy's private folders become writable there instead, and the
 * per-user temporary folder ($TMPDIR under /private/var/folders) is writable as compilers and test runners need.
 */
export function seatbeltProfile(policy: SandboxPolicy): string {
  const lines = ['(version 1)', '(allow default)'];
  if (!policy.network) lines.push('(deny network*)', '(allow network* (remote unix-socket (path-literal "/private/var/run/mDNSResponder")))');
  lines.push('(deny file-write*)');
  const writable = [policy.workspace, ...policy.privateDirs.map(macPath), '/private/var/folders'].map((p) => `(subpath ${quote(p)})`);
  lines.push(`(allow file-write* ${writable.join(' ')} (literal "/dev/null") (literal "/dev/tty") (regex #"^/dev/fd/"))`);
  if (policy.readOnly.length > 0) lines.push(`(deny file-write* ${policy.readOnly.map((p) => `(subpath ${quote(p)})`).join(' ')})`);
  if (policy.hidden.length > 0) {
    const hidden = policy.hidden.map((h) => (h.kind === 'dir' ? `(subpath ${quote(h.path)})` : `(literal ${quote(h.path)})`));
    lines.push(`(deny file-read* file-write* ${hidden.join(' ')})`);
  }
  return lines.join('\n') + '\n';
}

/** An SBPL string literal: backslashes and double quotes escaped, so no path can close the string early. */
function quote(path: string): string {
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** /tmp and /var are symlinks into /private on macOS; Seatbelt matches the real path. */
function macPath(path: string): string {
  return path === '/tmp' || path.startsWith('/tmp/') || path === '/var' || path.startsWith('/var/') ? `/private${path}` : path;
}
