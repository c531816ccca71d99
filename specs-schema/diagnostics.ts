/**
 * Diagnostics are how every parser reports what it could not understand: parsers never throw. Positions are
 * 0-based (line and column, as in LSP); the CLI prints them 1-based.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A suggested replacement the user can apply with one click (offsets into the file's text). */
export interface DiagnosticFix {
  title: string;
  start: number;
  end: number;
  text: string;
}

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Stable machine-readable id, e.g. `tasks/unclosed-fence`, `ears/missing-shall`, `trace/dangling-ref`. */
  code: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: DiagnosticFix;
}

export function diag(
  severity: Severity,
  code: string,
  message: string,
  line: number,
  column = 0,
  end?: { line?: number; column?: number },
  fix?: DiagnosticFix,
): Diagnostic {
  const d: Diagnostic = { severity, message, code, line, column };
  if (end?.line !== undefined || end?.column !== undefined) {
    d.endLine = end.line ?? line;
    if (end.column !== undefined) d.endColumn = end.column;
  }
  if (fix) d.fix = fix;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
