import { marked, type Token } from 'marked';

/**
 * Lexes a growing answer without starting over on every delta. A long answer (25 kB) costs ~15 ms to lex in full,
 * too much per frame; while text is only appended, every block before the last two is final, so only the tail
 * from there is lexed again. Anything else (text replaced, a prefix that does not match) lexes in full, and the
 * pane lexes the complete answer once more when it ends, so an edge case (a link definition arriving after its
 * use) is corrected then.
 */
export class IncrementalLexer {
  private text = '';
  private tokens: Token[] = [];

  lex(text: string): Token[] {
    if (text === this.text) return this.tokens;
    const tokens = this.tryAppend(text) ?? full(text);
    this.text = text;
    this.tokens = tokens;
    return tokens;
  }

  private tryAppend(text: string): Token[] | undefined {
    // \r would be normalised by marked and break the offset arithmetic below.
    if (!text.startsWith(this.text) || this.tokens.length < 3 || text.includes('\r')) return undefined;
    const keep = this.tokens.slice(0, this.tokens.length - 2);
    let offset = 0;
    for (const t of keep) offset += t.raw.length;
    // The kept tokens must cover exactly the start of the text (true for marked's block tokens; checked anyway).
    if (keep.map((t) => t.raw).join('') !== text.slice(0, offset)) return undefined;
    return [...keep, ...full(text.slice(offset))];
  }
}

function full(text: string): Token[] {
  return marked.lexer(text, { gfm: true });
}
