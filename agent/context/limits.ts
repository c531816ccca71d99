/** Size caps that keep one chip from filling the context window; exceeding one is reported, never silent. */
export interface ContextLimits {
  /** Characters read from one `#file` (or one file inside a `#folder`). */
  fileChars: number;
  /** Files listed for one `#folder`. */
  folderFiles: number;
  /** Characters of file contents for one `#folder` altogether. */
  folderChars: number;
  /** Characters of one `#[[file:…]]` include. */
  includeChars: number;
  terminalChars: number;
  diffChars: number;
  problems: number;
  codebaseResults: number;
}

export const DEFAULT_LIMITS: ContextLimits = {
  fileChars: 200_000,
  folderFiles: 200,
  folderChars: 150_000,
  includeChars: 100_000,
  terminalChars: 20_000,
  diffChars: 100_000,
  problems: 200,
  codebaseResults: 20,
};
