/**
 * Flow control for terminal output: the host pauses a pty when too many characters are unacknowledged. xterm
 * reports each write as rendered through its callback; the counts are summed per terminal and sent together,
 * at most once per `delayMs`, or at once when `flushAt` characters are pending so a flood never stalls.
 */
export class AckBatcher {
  private readonly pending = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (id: string, chars: number) => void,
    private readonly delayMs = 8,
    private readonly flushAt = 64 * 1024,
  ) {}

  written(id: string, chars: number): void {
    if (chars <= 0) return;
    const total = (this.pending.get(id) ?? 0) + chars;
    this.pending.set(id, total);
    if (total >= this.flushAt) {
      this.pending.delete(id);
      this.send(id, total);
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const entries = [...this.pending];
    this.pending.clear();
    for (const [id, chars] of entries) this.send(id, chars);
  }

  /** A terminal went away: its unsent count no longer matters. */
  forget(id: string): void {
    this.pending.delete(id);
  }
}
