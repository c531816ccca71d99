import { describe, expect, it } from 'vitest';
import { AnnouncedTerminals, exitMessage } from './commandTabs';

const plain = (s: string) => s.split('\x1b').map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('').trim();

describe('the line a terminal shows when its process is gone', () => {
  it('gives the exit code and how to close the tab', () => {
    expect(plain(exitMessage(3))).toBe('Process exited with code 3. Press any key to close this terminal.');
  });
  it('names the signal that ended it, with the code a shell would report', () => {
    expect(plain(exitMessage(0, 15))).toBe('Process ended by SIGTERM (exit code 143). Press any key to close this terminal.');
    // After a reload only the code is known (the host lists 128 + n).
    expect(plain(exitMessage(129))).toMatch(/^Process ended by SIGHUP \(exit code 129\)/);
  });
  it('stands one blank line below the output, whether or not the program ended its last line', () => {
    expect(exitMessage(1, undefined, true).startsWith('\r\n\r\n')).toBe(true);
    expect(exitMessage(1, undefined, false).startsWith('\r\n\x1b')).toBe(true);
  });
});

describe('terminals the host announced', () => {
  it('are taken once; an exit before the tab is held for it; an overflow asks for the scrollback once', () => {
    const announced = new AnnouncedTerminals();
    expect(announced.add('term-1')).toBe(true);
    expect(announced.add('term-1')).toBe(false);
    expect(announced.has('term-2')).toBe(false);
    announced.holdExit('term-1', { exitCode: 0, signal: 15 });
    announced.overflow('term-1');
    expect(announced.takeOverflow('term-1')).toBe(true);
    expect(announced.takeOverflow('term-1')).toBe(false);
    expect(announced.takeExit('term-1')).toEqual({ exitCode: 0, signal: 15 });
    expect(announced.takeExit('term-1')).toBeUndefined();
  });
});
