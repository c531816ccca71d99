import { stat } from 'node:fs/promises';
import path from 'node:path';

/** How long a save's own watcher event is expected; later events for the file are taken as new changes. */
const ECHO_WINDOW_MS = 5000;

interface Saved {
  /** mtime and size right after the save, or undefined while still being read. */
  stamp: Promise<string | undefined>;
  at: number;
}

/**
 * Tells a save's own watcher event apart from a change by another program. A save from the editor already
 * triggers fileEdited hooks; the watcher then reports the same write as `changed` (or `created` after an atomic
 * rename), which must not run them a second time. The file's mtime and size after the save identify the echo:
 * if they differ when the event arrives, someone else wrote the file since, and that is a change of its own.
 */
export class SaveEchoFilter {
  private readonly saved = new Map<string, Saved>();

  constructor(private readonly root: string) {}

  /** Records a save just made (call right after the bytes are on disk). */
  recordSave(rel: string): void {
    this.prune();
    this.saved.set(rel, { stamp: this.stampOf(rel), at: Date.now() });
  }

  /** True when this watcher event for `rel` is the echo of a recorded save (each save is matched once). */
  async isEcho(rel: string): Promise<boolean> {
    const entry = this.saved.get(rel);
    if (!entry || Date.now() - entry.at > ECHO_WINDOW_MS) return false;
    const [before, now] = await Promise.all([entry.stamp, this.stampOf(rel)]);
    if (this.saved.get(rel) === entry) this.saved.delete(rel);
    return before !== undefined && before === now;
  }

  private async stampOf(rel: string): Promise<string | undefined> {
    try {
      const s = await stat(path.join(this.root, rel));
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return undefined;
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [rel, entry] of this.saved) if (now - entry.at > ECHO_WINDOW_MS) this.saved.delete(rel);
  }
}
