import { marked, type Token } from 'marked';
import { memo, useMemo } from 'react';
import { MarkdownBlock } from './MarkdownBlock';

export function lexMarkdown(text: string): Token[] {
  return marked.lexer(text, { gfm: true });
}

/**
 * An answer as Markdown. While it streams (`final` false) the text is lexed again per frame (marked handles tens of
 * kB in about a millisecond) but only blocks whose source changed render again.
 */
export const Markdown = memo(function Markdown({ text, final }: { text: string; final: boolean }) {
  const tokens = useMemo(() => lexMarkdown(text), [text]);
  return (
    <div className="markdown">
      {tokens.map((t, i) => (
        <MarkdownBlock key={i} token={t} final={final} />
      ))}
    </div>
  );
});
