/**
 * Adding a rule to a permissions file ("Always allow" in an approval prompt) with the smallest edit: the new rule
 * is inserted after the last one, in the indentation the file already uses, and every other byte stays as it was
 * (comments, quoting, flow maps). Only when the file's own layout cannot be followed (a flow list `rules: []`)
 * is the document re-printed by the yaml library.
 */
import { isSeq, type Node } from 'yaml';
import { diag } from '../diagnostics';
import type { EditResult } from '../text/edits';
import { parsePermissions, type PermissionEffect } from './permissions-file';

export interface NewPermissionRule {
  capability: string;
  match?: string[];
  effect: PermissionEffect;
}

export function addPermissionRule(text: string, rule: NewPermissionRule): EditResult {
  const doc = parsePermissions(text);
  if (doc.diagnostics.some((d) => d.code === 'permissions/yaml' || d.code === 'permissions/shape' || d.code === 'permissions/rules')) {
    return { text, changes: [], diagnostics: [diag('error', 'permissions/edit', 'The permissions file cannot be read, so no rule was added; fix it first.', 0)] };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = (indent: string) => ruleLines(rule).map((l, i) => `${indent}${i === 0 ? '- ' : '  '}${l}`).join(eol) + eol;
  const list: Node | undefined = doc.shape === 'list' ? (doc.document?.contents as Node) : (doc.document?.get('rules', true) as Node | undefined);
  let insertAt: number;
  let insert: string;
  if (doc.shape === 'empty' || (doc.shape === 'rules' && !list && !/^rules\s*:/m.test(text))) {
    // Nothing yet (or only `version:`): a `rules:` list at the end.
    insertAt = text.length;
    insert = `${text.length && !text.endsWith('\n') ? eol : ''}rules:${eol}${block('  ')}`;
  } else if (isSeq(list) && !list.flow && list.items.length > 0) {
    const first = list.items[0] as Node;
    const last = list.items[list.items.length - 1] as Node;
    const indent = indentOf(text, first.range?.[0] ?? 0);
    const end = last.range?.[1] ?? text.length;
    const nl = text.indexOf('\n', Math.max(0, end - 1));
    insertAt = nl < 0 ? text.length : nl + 1;
    insert = `${nl < 0 ? eol : ''}${block(indent)}`;
  } else {
    return reprint(text, doc.shape, rule);
  }
  const next = text.slice(0, insertAt) + insert + text.slice(insertAt);
  if (parsePermissions(next).rules.length !== doc.rules.length + 1) return reprint(text, doc.shape, rule);
  return { text: next, changes: [{ start: insertAt, end: insertAt, text: insert }], diagnostics: [] };
}

function ruleLines(rule: NewPermissionRule): string[] {
  const lines = [`capability: ${rule.capability}`];
  // JSON strings are valid YAML double-quoted scalars: any pattern (quotes, colons, `#`) survives.
  if (rule.match?.length) lines.push(`match: [${rule.match.map((m) => JSON.stringify(m)).join(', ')}]`);
  lines.push(`effect: ${rule.effect}`);
  return lines;
}

/** The column of the `-` that starts the item at `offset` (the item's range starts after "- "). */
function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const dash = text.indexOf('-', lineStart);
  return ' '.repeat(Math.max(0, (dash >= 0 && dash < offset ? dash : offset) - lineStart));
}

function reprint(text: string, shape: string, rule: NewPermissionRule): EditResult {
  const doc = parsePermissions(text).document!;
  const node = { capability: rule.capability, ...(rule.match?.length ? { match: rule.match } : {}), effect: rule.effect };
  if (shape === 'list') doc.add(node);
  else if (isSeq(doc.get('rules', true))) doc.addIn(['rules'], node);
  else doc.set('rules', [node]);
  const next = doc.toString();
  return { text: next, changes: [{ start: 0, end: text.length, text: next }], diagnostics: [] };
}
