import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckBatcher } from './ackBatcher';

describe('terminal ack batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sums rendered characters per terminal and sends them together', () => {
    const sent: [string, number][] = [];
    const b = new AckBatcher((id, n) => sent.push([id, n]), 8, 1000);
    b.written('t1', 10);
    b.written('t2', 5);
    b.written('t1', 20);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(8);
    expect(sent).toEqual([
      ['t1', 30],
      ['t2', 5],
    ]);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
  });

  it('acknowledges at once when a lot is pending, so the host never waits for the timer under a flood', () => {
    const sent: [string, number][] = [];
    const b = new AckBatcher((id, n) => sent.push([id, n]), 8, 1000);
    b.written('t1', 600);
    b.written('t1', 600);
    expect(sent).toEqual([['t1', 1200]]);
  });

  it('drops the count of a terminal that is gone and ignores empty writes', () => {
    const sent: [string, number][] = [];
    const b = new AckBatcher((id, n) => sent.push([id, n]));
    b.written('t1', 0);
    b.written('t2', 3);
    b.forget('t2');
    b.flush();
    expect(sent).toEqual([]);
  });
});
