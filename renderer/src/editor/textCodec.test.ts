import { describe, expect, it } from 'vitest';
import { BOM, detectEol, encodingLabel, joinBom, splitBom, textForSave } from './textCodec';

describe('BOM and EOL handling', () => {
  it('keeps the BOM aside and puts it back', () => {
    const text = `${BOM}a\r\nb`;
    const { bom, body } = splitBom(text);
    expect(bom).toBe(true);
    expect(body).toBe('a\r\nb');
    expect(joinBom(bom, body)).toBe(text);
    expect(splitBom('plain')).toEqual({ bom: false, body: 'plain' });
    expect(encodingLabel(true)).toBe('UTF-8 with BOM');
    expect(encodingLabel(false)).toBe('UTF-8');
  });

  it('detects the dominant line ending', () => {
    expect(detectEol('a\r\nb\r\nc\n')).toBe('CRLF');
    expect(detectEol('a\nb\r\n')).toBe('LF');
    expect(detectEol('no newline')).toBe('LF');
    expect(detectEol('\n')).toBe('LF');
  });

  it('writes the original bytes back when the buffer was not edited, even with mixed line endings', () => {
    const original = `${BOM}one\r\ntwo\nthree`;
    // Monaco would have normalised the buffer to one EOL and dropped the BOM.
    const normalised = 'one\r\ntwo\r\nthree';
    expect(textForSave(original, true, false, normalised)).toBe(original);
  });

  it('re-adds the BOM to edited text', () => {
    expect(textForSave(`${BOM}x`, true, true, 'xy')).toBe(`${BOM}xy`);
    expect(textForSave('x', false, true, 'xy')).toBe('xy');
  });
});
