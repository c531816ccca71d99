import { describe, expect, it } from 'vitest';
import { Scrollback } from './scrollback';

describe('Scrollback', () => {
  it('keeps everything while under the limit', () => {
    const s = new Scrollback(100);
    s.append('hello ');
    s.append('world');
    expect(s.snapshot()).toBe('hello world');
  });

  it('keeps only the newest output past the limit, cut after a line break', () => {
    const s = new Scrollback(50);
    for (let i = 0; i < 100; i++) s.append(`line ${i}\r\n`);
    const snap = s.snapshot();
    expect(snap.length).toBeLessThanOrEqual(50);
    expect(snap.endsWith('line 99\r\n')).toBe(true);
    expect(snap.startsWith('line ')).toBe(true);
  });

  it('stays bounded over a long stream of small chunks', () => {
    const s = new Scrollback(1000);
    for (let i = 0; i < 100_000; i++) s.append('x');
    expect(s.snapshot()).toBe('x'.repeat(1000));
  });

  it('cuts a single huge chunk to the limit', () => {
    const s = new Scrollback(10);
    s.append('0123456789abcdefghij');
    expect(s.snapshot()).toBe('abcdefghij');
  });
});
