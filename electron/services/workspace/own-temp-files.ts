/**
 * Temp files of Keel's own atomic writes (`a.txt.3751055806`, renamed over `a.txt` a moment later). The watcher
 * skips them, so a save does not make a stray file blink in the explorer or in quick open. Each one is forgotten
 * a minute after its write finished: the watcher's events can trail by seconds on a loaded machine, and the
 * names carry a random 32-bit suffix, so remembering them that long hides nothing a user made.
 */
export class OwnTempFiles {
  private readonly paths = new Set<string>();

  constructor(private readonly graceMs = 60_000) {}

  add(absolute: string): void {
    this.paths.add(absolute);
  }

  has(absolute: string): boolean {
    return this.paths.has(absolute);
  }

  releaseLater(absolute: string): void {
    setTimeout(() => this.paths.delete(absolute), this.graceMs).unref();
  }
}
