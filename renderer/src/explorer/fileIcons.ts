/** Small text glyphs per file type, in the spirit of VS Code's default (Seti) icons; no icon font needed. */
export interface FileGlyph {
  text: string;
  color: string;
}

const BLUE = '#519aba';
const YELLOW = '#cbcb41';
const ORANGE = '#e37933';
const PURPLE = '#a074c4';
const GREEN = '#8dc149';
const GREY = '#6d8086';
const RED = '#cc3e44';

const BY_EXTENSION: Record<string, FileGlyph> = {
  ts: { text: 'TS', color: BLUE },
  tsx: { text: 'TS', color: BLUE },
  mts: { text: 'TS', color: BLUE },
  cts: { text: 'TS', color: BLUE },
  js: { text: 'JS', color: YELLOW },
  jsx: { text: 'JS', color: YELLOW },
  mjs: { text: 'JS', color: YELLOW },
  cjs: { text: 'JS', color: YELLOW },
  json: { text: '{}', color: YELLOW },
  jsonc: { text: '{}', color: YELLOW },
  md: { text: 'M↓', color: BLUE },
  css: { text: '#', color: BLUE },
  scss: { text: '#', color: RED },
  html: { text: '<>', color: ORANGE },
  yml: { text: '!', color: PURPLE },
  yaml: { text: '!', color: PURPLE },
  sh: { text: '$_', color: GREEN },
  py: { text: 'py', color: BLUE },
  go: { text: 'go', color: BLUE },
  rs: { text: 'rs', color: ORANGE },
  java: { text: 'J', color: RED },
  svg: { text: '◇', color: YELLOW },
  png: { text: '▣', color: PURPLE },
  jpg: { text: '▣', color: PURPLE },
  gif: { text: '▣', color: PURPLE },
  lock: { text: '🔒︎', color: GREY },
  txt: { text: '≡', color: GREY },
  hook: { text: '⚓︎', color: PURPLE },
  kiro: { text: 'K', color: PURPLE },
};

const BY_NAME: Record<string, FileGlyph> = {
  'package.json': { text: '{}', color: RED },
  '.gitignore': { text: '◆', color: GREY },
  'readme.md': { text: 'i', color: BLUE },
  'agents.md': { text: 'i', color: PURPLE },
  dockerfile: { text: '◆', color: BLUE },
};

export function fileGlyph(name: string): FileGlyph | null {
  const lower = name.toLowerCase();
  const byName = BY_NAME[lower];
  if (byName) return byName;
  const dot = lower.lastIndexOf('.');
  if (dot === -1) return null;
  return BY_EXTENSION[lower.slice(dot + 1)] ?? null;
}
