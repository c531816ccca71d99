import { z } from 'zod';
import { RelPath } from './workspace';

/** What the user typed in the Search view; the main process turns it into a ripgrep run. */
export const SearchQuery = z.object({
  pattern: z.string().min(1).max(10_000),
  isRegex: z.boolean().default(false),
  matchCase: z.boolean().default(false),
  wholeWord: z.boolean().default(false),
  /** Comma-separated globs ("src/**, *.md"); a glob without a slash matches at any depth, as in VS Code. */
  include: z.string().max(4000).default(''),
  exclude: z.string().max(4000).default(''),
  /** false = also search files that .gitignore / .kiroignore exclude. */
  useIgnoreFiles: z.boolean().default(true),
  /** Stop after this many matches and say so ("more results"). */
  maxResults: z.number().int().min(1).max(100_000).default(20_000),
});
export type SearchQuery = z.input<typeof SearchQuery>;
export type ParsedSearchQuery = z.output<typeof SearchQuery>;

/** A match inside a line, in UTF-16 columns of `LineMatch.text` (0-based, end exclusive). */
export const MatchRange = z.object({ start: z.number(), end: z.number() });
export type MatchRange = z.infer<typeof MatchRange>;

export const LineMatch = z.object({
  /** 1-based line number. */
  line: z.number(),
  /** The whole line without its line break (lines over the huge-line limit are skipped, not truncated). */
  text: z.string(),
  ranges: z.array(MatchRange),
});
export type LineMatch = z.infer<typeof LineMatch>;

export const FileMatches = z.object({ path: RelPath, lines: z.array(LineMatch) });
export type FileMatches = z.infer<typeof FileMatches>;

export const SearchSummary = z.object({
  matches: z.number(),
  files: z.number(),
  /** True when the cap was reached: there are more results than shown. */
  limitHit: z.boolean(),
  binarySkipped: z.number(),
  hugeLinesSkipped: z.number(),
  /** The search was cancelled (a newer query replaced it, or the user stopped it). */
  cancelled: z.boolean(),
  /** ripgrep's own complaint (e.g. a regex feature it does not support), shown at the input. */
  error: z.string().optional(),
});
export type SearchSummary = z.infer<typeof SearchSummary>;

/** Replace targets: whole files, or single matches picked in the result tree (line + column of the match). */
export const ReplaceTarget = z.object({
  path: RelPath,
  /** Omit to replace every match in the file. */
  only: z.array(z.object({ line: z.number().int().min(1), column: z.number().int().min(0) })).optional(),
});
export type ReplaceTarget = z.infer<typeof ReplaceTarget>;

export const ReplacedFile = z.object({
  path: RelPath,
  replaced: z.number(),
  /** The contents before the replace, kept by the renderer to offer Undo. */
  previous: z.string(),
  /** Version after the write; Undo sends it back so a file changed since is not clobbered. */
  version: z.string(),
});
export type ReplacedFile = z.infer<typeof ReplacedFile>;

const SearchId = z.string().min(1).max(64);

export const searchRequests = {
  /** Starts a search and returns at once; results are pulled with `search/next`. Bad regex → BAD_REQUEST. */
  'search/start': {
    request: SearchQuery,
    response: z.object({ searchId: SearchId }),
  },
  /**
   * Waits until files with matches are ready (or the search ends) and returns them in one batch. A pull, not an
   * event: the renderer asks for the next batch only once it has drawn the last, so a huge result never floods it.
   */
  'search/next': {
    request: z.object({ searchId: SearchId }),
    response: z.object({ files: z.array(FileMatches), done: z.boolean(), summary: SearchSummary }),
  },
  'search/cancel': {
    request: z.object({ searchId: SearchId }),
    response: z.object({}),
  },
  /** The text of `content` (or the file on disk) with the query's matches replaced, for the diff preview. */
  'search/preview': {
    request: z.object({
      query: SearchQuery,
      replacement: z.string().max(100_000),
      target: ReplaceTarget,
      content: z.string().optional(),
    }),
    response: z.object({ original: z.string(), replaced: z.string(), count: z.number() }),
  },
  /** Replaces in files on disk (atomic writes). Files open with unsaved changes are replaced by the renderer instead. */
  'search/replace': {
    request: z.object({
      query: SearchQuery,
      replacement: z.string().max(100_000),
      targets: z.array(ReplaceTarget).max(100_000),
    }),
    response: z.object({ files: z.array(ReplacedFile), failed: z.array(z.object({ path: RelPath, message: z.string() })) }),
  },
} as const;

export const searchEvents = {} as const;
