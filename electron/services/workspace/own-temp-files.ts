/**
 * Temp files of Keel's own atomic writes (`a.txt.3751055806`, renamed over `a.txt` a moment later). The watcher
 * skips them, so a save does not make a stray file blink in the explorer or in quick open. Each one is forgotten
 * a minute after its write finished: the watcher's events can trail by seconds on a loaded machine, and the
 * names carry a random 32-bit suffix, so remembering them that long hides nothing a user made.
 *
 * write-file-atomic names the temp file only after creating it, so the watcher can see it before `add` runs.
 * The target is therefore announced first (`expectWrite`): while that write runs (and for the same grace period
 * after), a sibling named `<target>.<digits>` counts as ours too.
 */
export class OwnTempFiles {
  private readonly paths = new Set<string>();
  private readonly targets = new Map<string, number>();

  constructor(private readonly graceMs = 60_000) {}

  add(absolute: string): void {
    this.paths.add(absolute);
  }

  has(absolute: string): boolean {
    if (this.paths.has(absolute)) return true;
    const temp = /^(.*)\.\d+$/.exec(absolute);
    return temp !== null && this.targets.has(temp[1] as string);
  }

  releaseLater(absolute: string): void {
    setTimeout(() => this.paths.delete(absolute), this.graceMs).unref();
  }

  /** An atomic write of `target` is about to start. */
  expectWrite(target: string): void {
    this.targets.set(target, (this.targets.get(target) ?? 0) + 1);
  }

  /** That write finished; its temp name stays recognised for the grace period. */
  writeDoneLater(target: string): void {
    setTimeout(() => {
      const left = (this.targets.get(target) ?? 1) - 1;
      if (left > 0) this.targets.set(target, left);
      else this.targets.delete(target);
    }, this.graceMs).unref();
  }
}
