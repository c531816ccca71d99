import fc from 'fast-check';
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { IncrementalLexer } from './incrementalLexer';

const answer = [
  '# Plan\n\nI will change **two** files:\n\n',
  '1. `src/store.js` — the error text\n2. `src/cli.js` — the usage line\n\n',
  '```js\nexport function addTodo(todos, title) {\n  if (!title.trim()) throw new Error("x");\n}\n```\n\n',
  '| file | change |\n|---|---|\n| a | b |\n\n',
  '> Note: run `node --test` after.\n\n- [x] read\n- [ ] edit\n\nDone. See [docs](https://example.com).\n',
].join('');

const shape = (tokens: Token[]) => tokens.map((t) => [t.type, t.raw]);

describe('IncrementalLexer', () => {
  it('streamed in any chunking, ends with the same blocks as lexing the whole answer', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: answer.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const lexer = new IncrementalLexer();
        for (const p of points) lexer.lex(answer.slice(0, p));
        expect(shape(lexer.lex(answer))).toEqual(shape(marked.lexer(answer, { gfm: true })));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the finished blocks as the same objects while text is appended', () => {
    const lexer = new IncrementalLexer();
    const a = lexer.lex('# A\n\npara one\n\npara two\n\npara thr');
    const b = lexer.lex('# A\n\npara one\n\npara two\n\npara three');
    expect(b[0]).toBe(a[0]);
    expect(b.at(-1)!.raw).toBe('para three');
  });

  it('lexes in full when the text is replaced rather than appended to', () => {
    const lexer = new IncrementalLexer();
    lexer.lex('# A\n\none\n\ntwo\n\nthree');
    expect(shape(lexer.lex('# B\n\nother'))).toEqual(shape(marked.lexer('# B\n\nother', { gfm: true })));
  });
});
