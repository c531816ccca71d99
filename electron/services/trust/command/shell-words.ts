import type { SyntaxNode } from './shell-parser';
import type { ShellRedirect, ShellWord } from './simple-command';

/** Brace expansion turns one word into several (`{rm,-rf,x}`), so such a word has no single static value. */
const BRACE_EXPANSION = /\{[^{}]*(,|\.\.)[^{}]*\}/;

export function wordOf(node: SyntaxNode): ShellWord {
  return { raw: node.text, value: valueOf(node) };
}

/** The word's value after quote removal, or null when only the shell at run time can know it. */
export function valueOf(node: SyntaxNode): string | null {
  switch (node.type) {
    case 'command_name': {
      const inner = node.namedChildren[0];
      return inner ? valueOf(inner) : null;
    }
    case 'word':
      return BRACE_EXPANSION.test(node.text) ? null : unescapeUnquoted(node.text);
    case 'number':
      return node.text;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
      return node.namedChildren.every((c) => c.type === 'string_content')
        ? unescapeDoubleQuoted(node.text.slice(1, -1))
        : null;
    case 'concatenation': {
      const unquoted = node.namedChildren.map((c) => (c.type === 'word' ? c.text : '\u0000')).join('');
      if (BRACE_EXPANSION.test(unquoted)) return null;
      let out = '';
      for (const child of node.namedChildren) {
        const v = valueOf(child);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      // $VAR, ${…}, $(…), <(…), $((…)), $'…', $"…": decided at run time.
      return null;
  }
}

function unescapeUnquoted(text: string): string {
  return text.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
}

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
}

/** A file/heredoc/herestring redirect node as operator + destination. */
export function redirectOf(node: SyntaxNode): ShellRedirect {
  const op = node.children
    .filter((c) => !c.isNamed)
    .map((c) => c.type)
    .join('');
  const destination = node.childForFieldName('destination') ?? node.namedChildren.find((c) => c.type !== 'file_descriptor');
  const fallbackOp = node.type === 'heredoc_redirect' ? '<<' : node.type === 'herestring_redirect' ? '<<<' : '>';
  return {
    op: op || fallbackOp,
    target: destination && node.type === 'file_redirect' ? valueOf(destination) : null,
    raw: node.text,
  };
}

export function isRedirectNode(node: SyntaxNode): boolean {
  return node.type === 'file_redirect' || node.type === 'heredoc_redirect' || node.type === 'herestring_redirect';
}
