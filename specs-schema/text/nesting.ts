/**
 * Limits for structured text from the workspace. A parser that recurses (jsonc-parser, yaml's composer) overflows
 * the stack on input nested 100,000 deep, and YAML aliases can expand a small file into billions of nodes; one such
 * file must become one diagnostic, never a failed feature. Real Kiro files nest a handful of levels.
 */
export const MAX_JSON_DEPTH = 200;
export const MAX_YAML_DEPTH = 64;
/** yaml's own guard against alias expansion ("billion laughs"), stated here so every caller uses the same. */
export const MAX_YAML_ALIASES = 100;
/** Front matter is a few lines of keys; anything this large is not steering configuration. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/**
 * True when brackets (`[` `{`) nest deeper than `limit` outside strings and comments. A linear scan without
 * recursion; `yaml` mode also knows single-quoted strings and `#` comments.
 */
export function nestsDeeperThan(text: string, limit: number, mode: 'json' | 'yaml'): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || (mode === 'yaml' && ch === "'")) {
      i = skipString(text, i, ch);
    } else if (mode === 'json' && ch === '/' && text[i + 1] === '/') {
      i = skipTo(text, i, '\n');
    } else if (mode === 'json' && ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (mode === 'yaml' && ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      i = skipTo(text, i, '\n');
    } else if (ch === '[' || ch === '{') {
      if (++depth > limit) return true;
    } else if (ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

function skipString(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

function skipTo(text: string, start: number, ch: string): number {
  const end = text.indexOf(ch, start);
  return end < 0 ? text.length : end;
}
