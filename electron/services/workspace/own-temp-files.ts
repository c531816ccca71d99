/**
 * Temp files of Keel's own atomic writes (`a.txt.3751055806`, renamed over `a.txt` a moment later). The watcher
 * skips them, so a save does not make a stray file blink in the explorer or in quick open. Each one is forgotten
 * a little after its write finished — long enough for the watcher's delayed events about it to arrive.
 */
export class OwnTempFiles {
  private readonly paths = new Set<string>();

  constructor(private readonly graceMs = 2_000) {}

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
