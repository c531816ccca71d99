import { readFileSync } from 'node:fs';

/**
 * For tests that check a command's whole process group was ended. A killed grandchild can linger as a zombie when
 * PID 1 (a container's) does not reap: that counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
