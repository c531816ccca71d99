import { describe, expect, it } from 'vitest';
import { FrameQueue } from './frameQueue';

describe('FrameQueue', () => {
  it('delivers everything pushed before a frame as one batch, in order', () => {
    const frames: (() => void)[] = [];
    const batches: number[][] = [];
    const q = new FrameQueue<number>((b) => batches.push(b), (f) => frames.push(f));
    for (let i = 0; i < 100; i++) q.push(i);
    expect(frames).toHaveLength(1);
    expect(batches).toEqual([]);
    frames[0]!();
    expect(batches).toEqual([Array.from({ length: 100 }, (_, i) => i)]);
    q.push(100);
    expect(frames).toHaveLength(2);
    frames[1]!();
    expect(batches[1]).toEqual([100]);
  });

  it('flush delivers at once and the pending frame then has nothing left to deliver', () => {
    const frames: (() => void)[] = [];
    const batches: string[][] = [];
    const q = new FrameQueue<string>((b) => batches.push(b), (f) => frames.push(f));
    q.push('a');
    q.flush();
    frames[0]!();
    expect(batches).toEqual([['a']]);
  });
});
