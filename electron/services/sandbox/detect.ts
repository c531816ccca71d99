import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Which OS sandbox this machine offers, found once per process. */
export type SandboxSupport =
  | { kind: 'bwrap'; path: string }
  | { kind: 'sandbox-exec'; path: string }
  | { kind: 'none'; reason: string };

let detected: Promise<SandboxSupport> | undefined;

/**
 * Detects the sandbox once: on Linux, bubblewrap must be on PATH *and* able to make its namespaces (a container
 * or a kernel without unprivileged user namespaces has the binary but refuses to run it), so a trial run decides.
 * `KEEL_SANDBOX=off` turns it off (the user's own environment, e.g. to compare behaviour); nothing in a workspace can.
 */
export function detectSandbox(): Promise<SandboxSupport> {
  detected ??= detect(process.platform, process.env);
  return detected;
}

export async function detect(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Promise<SandboxSupport> {
  if (env.KEEL_SANDBOX === 'off') return { kind: 'none', reason: 'turned off by KEEL_SANDBOX=off' };
  if (platform === 'darwin') {
    const path = '/usr/bin/sandbox-exec';
    return (await isExecutable(path)) ? { kind: 'sandbox-exec', path } : { kind: 'none', reason: 'sandbox-exec was not found' };
  }
  if (platform !== 'linux') return { kind: 'none', reason: `no sandbox on ${platform} yet` };
  const path = await onPath('bwrap', env.PATH ?? '');
  if (!path) return { kind: 'none', reason: 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' };
  const trial = await new Promise<string | undefined>((resolve) => {
    execFile(path, ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp', '--unshare-all', '--die-with-parent', '--new-session', '--', '/bin/sh', '-c', 'exit 0'], { timeout: 5000 }, (err, _out, stderr) =>
      resolve(err ? (stderr.trim() || err.message) : undefined),
    );
  });
  return trial === undefined ? { kind: 'bwrap', path } : { kind: 'none', reason: `bubblewrap cannot run here: ${trial}` };
}

async function onPath(name: string, pathVar: string): Promise<string | undefined> {
  for (const dir of pathVar.split(delimiter)) {
    // Only absolute PATH entries: a relative one (or an empty one, meaning the current folder) would let a
    // workspace provide its own "bwrap".
    if (!dir.startsWith('/')) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
