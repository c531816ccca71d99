import { describe, expect, it } from 'vitest';
import { languageForPath, languageName } from './languages';

const langs = [
  { id: 'typescript', extensions: ['.ts', '.tsx'], aliases: ['TypeScript'] },
  { id: 'markdown', extensions: ['.md'], aliases: ['Markdown'] },
  { id: 'dockerfile', extensions: ['.dockerfile'], filenames: ['Dockerfile'], aliases: ['Dockerfile'] },
  { id: 'json', extensions: ['.json'], aliases: ['JSON'] },
  { id: 'dts', extensions: ['.d.ts'], aliases: ['Declarations'] },
];

describe('language by file name', () => {
  it('picks by extension, exact file name and the longest extension', () => {
    expect(languageForPath('src/a.TS', langs)).toBe('typescript');
    expect(languageForPath('docs/README.md', langs)).toBe('markdown');
    expect(languageForPath('build/Dockerfile', langs)).toBe('dockerfile');
    expect(languageForPath('types/x.d.ts', langs)).toBe('dts');
  });

  it('knows Kiro files and falls back to plain text', () => {
    expect(languageForPath('.kiro/hooks/lint.kiro.hook', langs)).toBe('json');
    expect(languageForPath('.kiro/specs/a/.config.kiro', langs)).toBe('json');
    expect(languageForPath('notes', langs)).toBe('plaintext');
    expect(languageForPath('.md', langs)).toBe('plaintext');
    expect(languageName('plaintext', langs)).toBe('Plain Text');
    expect(languageName('typescript', langs)).toBe('TypeScript');
  });
});
