import { create } from 'zustand';
import type { FileMatches, SearchQuery, SearchSummary } from '../../../protocol';

/** The Search view's inputs: what the user typed and toggled (kept while the view is hidden). */
export interface SearchInputs {
  pattern: string;
  replacement: string;
  isRegex: boolean;
  matchCase: boolean;
  wholeWord: boolean;
  include: string;
  exclude: string;
  useIgnoreFiles: boolean;
  showReplace: boolean;
  showDetails: boolean;
}

/** A match's place in the results: file, line within the file, range within the line. */
export interface MatchCursor {
  file: number;
  line: number;
  range: number;
}

/** What a replace changed, kept so the user can undo it (disk files by version, open editors by text). */
export interface ReplaceUndo {
  summary: string;
  disk: { path: string; previous: string; version: string }[];
  /** `saved`: the editor was clean, so the replace saved it and the undo saves too. */
  editors: { path: string; previous: string; replaced: string; saved: boolean }[];
}

export interface SearchState extends SearchInputs {
  files: FileMatches[];
  summary: SearchSummary | null;
  searching: boolean;
  /** A bad query: shown under the input, results cleared. */
  error: string | null;
  cursor: MatchCursor | null;
  collapsed: Record<string, boolean>;
  lastReplace: ReplaceUndo | null;
  /** The replace waiting for confirmation in the preview ('all', or one file's path). */
  preview: { scope: 'all' | string } | null;
  set(patch: Partial<SearchState>): void;
}

export const useSearch = create<SearchState>()((set) => ({
  pattern: '',
  replacement: '',
  isRegex: false,
  matchCase: false,
  wholeWord: false,
  include: '',
  exclude: '',
  useIgnoreFiles: true,
  showReplace: false,
  showDetails: false,
  files: [],
  summary: null,
  searching: false,
  error: null,
  cursor: null,
  collapsed: {},
  lastReplace: null,
  preview: null,
  set: (patch) => set(patch),
}));

export function queryOf(s: SearchInputs): SearchQuery {
  return {
    pattern: s.pattern,
    isRegex: s.isRegex,
    matchCase: s.matchCase,
    wholeWord: s.wholeWord,
    include: s.include,
    exclude: s.exclude,
    useIgnoreFiles: s.useIgnoreFiles,
  };
}

export function countMatches(files: FileMatches[]): number {
  let n = 0;
  for (const f of files) for (const l of f.lines) n += l.ranges.length;
  return n;
}

/** The next (or previous) match after `cursor`, wrapping around — what F4 / Shift+F4 step to. */
export function stepCursor(files: FileMatches[], cursor: MatchCursor | null, direction: 1 | -1): MatchCursor | null {
  const flat: MatchCursor[] = [];
  files.forEach((f, file) => f.lines.forEach((l, line) => l.ranges.forEach((_, range) => flat.push({ file, line, range }))));
  if (flat.length === 0) return null;
  const at = cursor ? flat.findIndex((c) => c.file === cursor.file && c.line === cursor.line && c.range === cursor.range) : -1;
  if (at < 0) return direction === 1 ? flat[0]! : flat[flat.length - 1]!;
  return flat[(at + direction + flat.length) % flat.length]!;
}
