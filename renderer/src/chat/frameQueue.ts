export type Scheduler = (flush: () => void) => void;

const nextFrame: Scheduler = (flush) => {
  // A hidden page gets no animation frames; a timer still delivers (throttled) so nothing piles up unseen.
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(flush);
  else setTimeout(flush, 16);
};

/**
 * Gathers items (streamed agent events) and hands them over in one batch per animation frame, so a fast stream
 * costs one store update and one render per frame instead of one per token.
 */
export class FrameQueue<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(
    private readonly deliver: (batch: T[]) => void,
    private readonly schedule: Scheduler = nextFrame,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Delivers what is queued now (e.g. before a turn's final state is read). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deliver(batch);
  }
}
