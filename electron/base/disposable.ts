/** Anything holding a process, a watcher, a timer or a listener that must be released (VS Code's pattern). */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/**
 * Collects disposables and releases them together, newest first, so a service can hand out resources freely and
 * still free every one of them on shutdown. Errors in one dispose do not stop the others.
 */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      void item.dispose();
      return item;
    }
    this.items.push(item);
    return item;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    const results = await Promise.allSettled(items.map(async (item) => item.dispose()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

export function toDisposable(fn: () => void | Promise<void>): Disposable {
  return { dispose: fn };
}
