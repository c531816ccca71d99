import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { superviseCommand } from './command-deadline';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('superviseCommand', () => {
  it('on timeout sends SIGTERM, then SIGKILL after the grace period', () => {
    const kill = vi.fn();
    const d = superviseCommand(kill, { timeoutMs: 1000, graceMs: 100 });
    vi.advanceTimersByTime(999);
    expect(kill).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(kill.mock.calls).toEqual([['SIGTERM']]);
    expect(d).toMatchObject({ timedOut: true, cancelled: false, sent: 'SIGTERM' });
    vi.advanceTimersByTime(100);
    expect(kill.mock.calls).toEqual([['SIGTERM'], ['SIGKILL']]);
    expect(d.sent).toBe('SIGKILL');
  });

  it('an abort ends it at once, and only once even if the timeout follows', () => {
    const kill = vi.fn();
    const stop = new AbortController();
    const d = superviseCommand(kill, { timeoutMs: 1000, graceMs: 100, signal: stop.signal });
    stop.abort();
    expect(d).toMatchObject({ cancelled: true, timedOut: false, sent: 'SIGTERM' });
    vi.advanceTimersByTime(2000);
    expect(kill.mock.calls).toEqual([['SIGTERM'], ['SIGKILL']]);
  });

  it('a signal aborted before the start ends the command at once', () => {
    const kill = vi.fn();
    const d = superviseCommand(kill, { timeoutMs: 1000, graceMs: 100, signal: AbortSignal.abort() });
    expect(d.cancelled).toBe(true);
    expect(kill).toHaveBeenCalledWith('SIGTERM');
  });

  it('once disposed (the command exited), nothing more is sent', () => {
    const kill = vi.fn();
    const stop = new AbortController();
    const d = superviseCommand(kill, { timeoutMs: 1000, graceMs: 100, signal: stop.signal });
    d.dispose();
    stop.abort();
    vi.advanceTimersByTime(5000);
    expect(kill).not.toHaveBeenCalled();
    expect(d).toMatchObject({ timedOut: false, cancelled: false, sent: undefined });
  });
});
