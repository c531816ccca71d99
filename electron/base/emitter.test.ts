import { describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter';

describe('Emitter', () => {
  it('delivers to every listener until it is disposed', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const sub = emitter.event((n) => seen.push(n));
    emitter.fire(1);
    sub.dispose();
    emitter.fire(2);
    expect(seen).toEqual([1]);
    expect(emitter.hasListeners).toBe(false);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const emitter = new Emitter<string>();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((s) => seen.push(s));
    emitter.fire('saved');
    expect(seen).toEqual(['saved']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
