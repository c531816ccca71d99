import path from 'node:path';
import { keelTempOwner } from '../../../base/node/confine';

/**
 * Keel's own temp and backup files (`.a.txt.keel-<pid>-<hex>.tmp`, renamed over `a.txt` a moment later). The
 * watcher skips them, so a save does not make a stray file blink in the explorer or in quick open. The name alone
 * says it is Keel's (base/node/confine/temp-names.ts); one left by a killed Keel is removed when the folder opens
 * again (orphan-temp-files.ts). `add` also covers any other name a feature wants hidden while it writes.
 */
export class OwnTempFiles {
  private readonly paths = new Set<string>();

  constructor(private readonly graceMs = 60_000) {}

  add(absolute: string): void {
    this.paths.add(absolute);
  }

  has(absolute: string): boolean {
    return this.paths.has(absolute) || keelTempOwner(path.basename(absolute)) !== undefined;
  }

  /** Forgotten a while after the write: the watcher's events can trail by seconds on a loaded machine. */
  releaseLater(absolute: string): void {
    setTimeout(() => this.paths.delete(absolute), this.graceMs).unref();
  }
}
