import { describe, expect, it } from 'vitest';
import { bwrapArgv } from './bwrap-argv';
import type { SandboxPolicy } from './policy';
import { seatbeltProfile } from './seatbelt-profile';

const policy: SandboxPolicy = {
  workspace: '/w/p',
  readOnly: ['/w/p/.git', '/w/p/.kiro/hooks'],
  pinned: ['/w/p/.kiro'],
  hidden: [
    { path: '/home/u/.ssh', kind: 'dir' },
    { path: '/w/p/.env', kind: 'file' },
  ],
  privateDirs: ['/tmp', '/run'],
  network: false,
};
const run = { shell: '/bin/bash', command: 'echo "hi"; ls', cwd: '/w/p/src' };

describe('bwrapArgv', () => {
  it('mounts the root read-only, then private folders, the workspace writable, its control files read-only, secrets hidden', () => {
    expect(bwrapArgv(policy, run)).toEqual([
      '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc',
      '--tmpfs', '/tmp', '--tmpfs', '/run',
      '--bind', '/w/p', '/w/p',
      '--bind', '/w/p/.kiro', '/w/p/.kiro',
      '--ro-bind', '/w/p/.git', '/w/p/.git', '--ro-bind', '/w/p/.kiro/hooks', '/w/p/.kiro/hooks',
      '--tmpfs', '/home/u/.ssh', '--remount-ro', '/home/u/.ssh', '--ro-bind', '/dev/null', '/w/p/.env',
      '--unshare-all', '--die-with-parent', '--new-session', '--chdir', '/w/p/src',
      '--', '/bin/bash', '-c', 'echo "hi"; ls',
    ]);
  });

  it('shares the network only when the policy allows it', () => {
    expect(bwrapArgv(policy, run)).not.toContain('--share-net');
    const args = bwrapArgv({ ...policy, network: true }, run);
    expect(args.indexOf('--share-net')).toBe(args.indexOf('--unshare-all') + 1);
  });

  it('passes the command as one argument after --, never parsed by bwrap', () => {
    const args = bwrapArgv(policy, { ...run, command: '--bind / / -- x' });
    expect(args.slice(-4)).toEqual(['--', '/bin/bash', '-c', '--bind / / -- x']);
  });
});

// macOS cannot run here (no sandbox-exec on Linux): these check the profile text only.
describe('seatbeltProfile (macOS, text only)', () => {
  it('denies writes except the workspace and temp folders, then re-denies control files and hides secrets', () => {
    const text = seatbeltProfile(policy);
    expect(text.split('\n').slice(0, 5)).toEqual([
      '(version 1)',
      '(allow default)',
      '(deny network*)',
      '(allow network* (remote unix-socket (path-literal "/private/var/run/mDNSResponder")))',
      '(deny file-write*)',
    ]);
    expect(text).toContain('(allow file-write* (subpath "/w/p") (subpath "/private/tmp") (subpath "/run") (subpath "/private/var/folders")');
    expect(text).toContain('(deny file-write* (subpath "/w/p/.git") (subpath "/w/p/.kiro/hooks"))');
    expect(text).toContain('(deny file-read* file-write* (subpath "/home/u/.ssh") (literal "/w/p/.env"))');
    // The exceptions come after the allows: in SBPL the last matching rule wins.
    expect(text.indexOf('(deny file-write* (subpath "/w/p/.git")')).toBeGreaterThan(text.indexOf('(allow file-write*'));
  });

  it('allows the network only when the policy does, and escapes quotes in paths', () => {
    expect(seatbeltProfile({ ...policy, network: true })).not.toContain('(deny network*)');
    expect(seatbeltProfile({ ...policy, workspace: '/w/a"b\\c' })).toContain('(subpath "/w/a\\"b\\\\c")');
  });
});
