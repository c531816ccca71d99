import type { Disposable } from './disposable';

/**
 * A synchronous in-process event (VS Code's Emitter, minus the extras): services announce things, features
 * subscribe without the announcer knowing them. A listener that throws is logged and does not stop the others.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        console.error('Keel: an event listener failed:', err);
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }
}
