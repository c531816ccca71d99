import { describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../protocol';
import { plainTerminalText, TerminalOutput, type TerminalReads } from './terminal-output';

const info = (id: string, title: string, exitCode: number | null = null): TerminalInfo => ({ id, title, pid: 1, cols: 80, rows: 24, exitCode });

function reads(outputs: Record<string, string>, list: TerminalInfo[]): TerminalReads {
  return { list: () => list, scrollback: (id) => outputs[id] ?? '' };
}

describe('#terminal output', () => {
  it('reads the named terminal as plain text: colours gone, a redrawn progress line at its last state', async () => {
    const port = new TerminalOutput(
      reads({ '1': '$ npm test\r\n\x1b[32m✓ 3 passed\x1b[0m\r\nprogress 10%\rprogress 100%\r\n\x1b[31mFAIL\x1b[0m src/a.test.ts\r\n', '2': 'other' }, [info('1', 'bash'), info('2', 'zsh')]),
    );
    const out = await port.recentOutput({ maxChars: 1000, terminal: '1' });
    expect(out).toEqual({ title: 'bash', text: '$ npm test\n✓ 3 passed\nprogress 100%\nFAIL src/a.test.ts\n' });
  });

  it('without a name takes the newest terminal; keeps the tail; says when it exited', async () => {
    const port = new TerminalOutput(reads({ '1': 'old', '2': `${'x'.repeat(50)}\nlast line` }, [info('1', 'bash'), info('2', 'agent: make', 2)]));
    const out = await port.recentOutput({ maxChars: 9 });
    expect(out).toEqual({ title: 'agent: make (exited with 2)', text: 'last line' });
  });

  it('nothing to attach: no terminal, an unknown id, or only blank output', async () => {
    expect(await new TerminalOutput(reads({}, [])).recentOutput({ maxChars: 100 })).toBeUndefined();
    expect(await new TerminalOutput(reads({ '1': 'x' }, [info('1', 'bash')])).recentOutput({ maxChars: 100, terminal: '9' })).toBeUndefined();
    expect(await new TerminalOutput(reads({ '1': '\x1b[2J\r\n  \r\n' }, [info('1', 'bash')])).recentOutput({ maxChars: 100 })).toBeUndefined();
  });

  it('backspaces erase, as on screen', () => {
    expect(plainTerminalText('abc\b\bX\n')).toBe('aX\n');
  });
});
