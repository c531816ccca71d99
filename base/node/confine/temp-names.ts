import { randomBytes } from 'node:crypto';

/**
 * Keel's own temp and backup files beside a target: `.<name>.keel-<pid>-<8 hex>.tmp|.bak`. The pid says whose they
 * are, so a later start can remove those of a process that is gone (a killed save) and leave a live one's alone.
 */
const PATTERN = /^\..+\.keel-(\d+)-[0-9a-f]{8}\.(tmp|bak)$/;

export function tempName(target: string, kind: 'tmp' | 'bak'): string {
  return `.${target}.keel-${process.pid}-${randomBytes(4).toString('hex')}.${kind}`;
}

/** The owning pid when `name` is one of Keel's temp/backup names. */
export function keelTempOwner(name: string): number | undefined {
  const match = PATTERN.exec(name);
  return match ? Number(match[1]) : undefined;
}

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
