/**
 * The most recent output of a terminal, replayed when a reloaded renderer reattaches. Keeps whole chunks in a
 * queue and drops the oldest ones past the limit, so appending is O(1) and memory stays bounded.
 */
export class Scrollback {
  private chunks: string[] = [];
  private head = 0;
  private length = 0;

  constructor(private readonly limitChars: number) {}

  append(data: string): void {
    if (!data) return;
    this.chunks.push(data);
    this.length += data.length;
    while (this.length - (this.chunks[this.head]?.length ?? 0) >= this.limitChars && this.head < this.chunks.length - 1) {
      this.length -= (this.chunks[this.head] as string).length;
      this.head++;
    }
    // Compact now and then so the dropped chunks can be collected.
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** At most `limitChars` of the newest output; a cut lands after a line break when one is near, to look clean. */
  snapshot(): string {
    const text = this.chunks.slice(this.head).join('');
    if (text.length <= this.limitChars) return text;
    const cut = text.length - this.limitChars;
    const newline = text.indexOf('\n', cut);
    return newline !== -1 && newline - cut < 4096 ? text.slice(newline + 1) : text.slice(cut);
  }
}
