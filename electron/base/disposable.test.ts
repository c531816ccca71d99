import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from './disposable';

describe('DisposableStore', () => {
  it('disposes everything, newest first, once', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => void order.push('watcher')));
    store.add(toDisposable(async () => void order.push('ptys')));
    await store.dispose();
    await store.dispose();
    expect(order).toEqual(['ptys', 'watcher']);
  });

  it('keeps disposing after one failure and then reports it', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => void order.push('first')));
    store.add(
      toDisposable(() => {
        throw new Error('stuck');
      }),
    );
    await expect(store.dispose()).rejects.toThrow('stuck');
    expect(order).toEqual(['first']);
  });

  it('disposes at once what is added after the store was disposed', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let disposed = false;
    store.add(toDisposable(() => void (disposed = true)));
    expect(disposed).toBe(true);
  });
});
