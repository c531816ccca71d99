import { marked, type Token } from 'marked';
import { memo, useMemo, useRef } from 'react';
import { IncrementalLexer } from './incrementalLexer';
import { MarkdownBlock } from './MarkdownBlock';

export function lexMarkdown(text: string): Token[] {
  return marked.lexer(text, { gfm: true });
}

/**
 * An answer as Markdown. While it streams (`final` false) only the tail is lexed again per frame and only blocks
 * whose source changed render again; the finished answer is lexed once in full.
 */
export const Markdown = memo(function Markdown({ text, final }: { text: string; final: boolean }) {
  const lexer = useRef<IncrementalLexer | null>(null);
  const tokens = useMemo(() => {
    if (final) return lexMarkdown(text);
    lexer.current ??= new IncrementalLexer();
    return lexer.current.lex(text);
  }, [text, final]);
  return (
    <div className="markdown">
      {tokens.map((t, i) => (
        <MarkdownBlock key={i} token={t} final={final} />
      ))}
    </div>
  );
});
