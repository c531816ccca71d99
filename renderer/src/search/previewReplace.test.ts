import { expect, it } from 'vitest';
import { previewReplacement } from './previewReplace';

const base = { pattern: '', isRegex: false, matchCase: false, wholeWord: false, replacement: '' };

it('shows what each match becomes: literal text, or the expanded regex groups', () => {
  expect(previewReplacement('foo', { ...base, pattern: 'foo', replacement: '$1-x' })).toBe('$1-x');
  expect(previewReplacement('x=42', { ...base, isRegex: true, pattern: '(\\w)=(\\d+)', replacement: '$2:$1' })).toBe('42:x');
  expect(previewReplacement('Ab', { ...base, isRegex: true, pattern: '(?<first>a)b', replacement: '[$<first>]' })).toBe('[A]');
  // A look-behind needs text outside the match: fall back to the template rather than guess.
  expect(previewReplacement('b', { ...base, isRegex: true, pattern: '(?<=a)b', replacement: 'c$&' })).toBe('c$&');
});
