/** Turns zod issues into diagnostics placed on the JSON node they concern (or its nearest existing parent). */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { z } from 'zod';
import { diag, type Diagnostic, type Severity } from '../diagnostics';
import { offsetToPosition } from '../text/lines';
import type { JsonDoc } from './json-doc';

export interface JsonLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
}

export function locate(doc: JsonDoc, path: readonly (string | number)[]): JsonLocation {
  const tree = parseTree(doc.text, [], { allowTrailingComma: true });
  let node: Node | undefined;
  for (let n = path.length; n >= 0 && !node; n--) node = tree ? findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]) : undefined;
  // Point at the property name when there is one: that is what a user looks for.
  const target = node?.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
  const offset = target?.offset ?? 0;
  const length = target?.length ?? 0;
  const start = offsetToPosition(doc.lines, offset);
  const end = offsetToPosition(doc.lines, offset + length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, length };
}

export function issuesToDiagnostics(doc: JsonDoc, issues: readonly z.core.$ZodIssue[], code: string, severity: Severity = 'error'): Diagnostic[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const at = locate(doc, path);
    const where = path.length ? `${path.join('.')}: ` : '';
    return diag(severity, code, `${where}${issue.message}`, at.line, at.column, { line: at.endLine, column: at.endColumn });
  });
}
