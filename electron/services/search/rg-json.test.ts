import { describe, expect, it } from 'vitest';
import { RgJsonParser, type FileOutcome } from './rg-json';

const begin = (p: string) => JSON.stringify({ type: 'begin', data: { path: { text: p } } });
const end = (p: string, binary: number | null = null) => JSON.stringify({ type: 'end', data: { path: { text: p }, binary_offset: binary } });
const match = (lines: { text?: string; bytes?: string }, line: number, submatches: { start: number; end: number }[]) =>
  JSON.stringify({ type: 'match', data: { path: { text: './a' }, lines, line_number: line, submatches } });

describe('RgJsonParser', () => {
  it('reassembles JSON lines split across chunks at any byte', () => {
    const out: FileOutcome[] = [];
    const parser = new RgJsonParser((o) => out.push(o));
    const stream = `${[begin('./src/a.ts'), match({ text: 'let x = 1;\r\n' }, 4, [{ start: 4, end: 5 }]), end('./src/a.ts')].join('\n')}\n`;
    for (let i = 0; i < stream.length; i += 7) parser.push(stream.slice(i, i + 7));
    expect(out).toEqual([
      { kind: 'matches', file: { path: 'src/a.ts', lines: [{ line: 4, text: 'let x = 1;', ranges: [{ start: 4, end: 5 }] }] }, count: 1, hugeLinesSkipped: 0 },
    ]);
  });

  it('converts byte offsets to UTF-16 columns (emoji, accents) and shows non-UTF-8 lines lossily', () => {
    const out: FileOutcome[] = [];
    const parser = new RgJsonParser((o) => out.push(o));
    // "😀é x": 😀 is 4 bytes / 2 UTF-16 units, é 2 bytes / 1 unit → x is at byte 7, column 4.
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x78, 0x0a]).toString('base64'); // "café x" in Latin-1
    parser.push(`${[begin('./a'), match({ text: '😀é x\n' }, 1, [{ start: 7, end: 8 }]), match({ bytes: latin1 }, 2, [{ start: 5, end: 6 }]), end('./a')].join('\n')}\n`);
    const file = out[0]?.kind === 'matches' ? out[0].file : undefined;
    expect(file?.lines[0]?.ranges).toEqual([{ start: 4, end: 5 }]);
    expect(file?.lines[1]?.text).toBe('caf\uFFFD x');
  });

  it('reports a binary file (ripgrep saw a NUL) instead of its matches', () => {
    const out: FileOutcome[] = [];
    const parser = new RgJsonParser((o) => out.push(o));
    parser.push(`${[begin('./b.bin'), match({ text: 'x\n' }, 1, [{ start: 0, end: 1 }]), end('./b.bin', 12)].join('\n')}\n`);
    expect(out).toEqual([{ kind: 'binary', path: 'b.bin' }]);
  });
});
