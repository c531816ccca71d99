import { build } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from './fixtures/host';
import { expect, test } from './fixtures/test';

// Unit tests of the Markdown/diagram sanitiser in real Chromium (DOMPurify needs a real DOM; the unit-test runner
// has none): the module is bundled as it is for the renderer and run in a blank page. No host is needed.

let bundle: string;
test.beforeAll(async () => {
  const out = await build({
    entryPoints: [join(repoRoot, 'renderer/src/widgets/isolated/sanitize.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'KeelSanitize',
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
});

test.beforeEach(async ({ page }) => {
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle });
});

declare const KeelSanitize: typeof import('../renderer/src/widgets/isolated/sanitize');

const markdown = (page: import('@playwright/test').Page, html: string) => page.evaluate((h) => KeelSanitize.sanitizeMarkdownHtml(h), html);

test('Markdown HTML keeps what Markdown produces: headings, code, tables, lists, task boxes, links', async ({ page }) => {
  const html = '<h2>Data Models</h2><p><strong>b</strong> <em>i</em> <code>a &lt; b</code> <a href="https://e.x/" title="t">l</a></p><pre><code class="language-mermaid">flowchart LR</code></pre><table><thead><tr><th align="center">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><ul><li><input checked="" disabled="" type="checkbox"> done</li></ul><blockquote><p>q</p></blockquote><img src="data:image/png;base64,AA==" alt="x">';
  expect(await markdown(page, html)).toBe(html);
});

test('Markdown HTML loses everything that could restyle, cover, navigate or pose as Keel', async ({ page }) => {
  const cases: Array<[string, string]> = [
    ['<style>body{display:none}</style><p>x</p>', '<p>x</p>'],
    ['<link rel="stylesheet" href="/evil.css"><p>x</p>', '<p>x</p>'],
    ['<div style="position:fixed;inset:0;z-index:9999">cover</div>', '<div>cover</div>'],
    ['<p popover="manual" id="p">top layer</p>', '<p id="p">top layer</p>'],
    // The text of a removed element stays, as text.
    ['<form action="https://evil.example/"><input name="q"><button>Run</button></form>', 'Run'],
    ['<p><input type="text" value="x"><input type="checkbox"></p>', '<p><input type="checkbox" disabled=""></p>'],
    ['<iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x">', ''],
    ['<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">', ''],
    ['<a href="javascript:alert(1)" target="_top">x</a>', '<a>x</a>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x">'],
    ['<svg><style>*{}</style><circle r="9"/></svg><math><mi>x</mi></math>', ''],
    ['<dialog open>fake consent</dialog><template><p>t</p></template>', 'fake consent'],
    ['<p data-testid="command-run" tabindex="0" autofocus contenteditable>x</p>', '<p>x</p>'],
  ];
  for (const [input, want] of cases) expect(await markdown(page, input), input).toBe(want);
});

test('diagram SVG keeps its own styles but nothing that positions it or runs', async ({ page }) => {
  const svg = '<svg id="keel-mermaid-1" xmlns="http://www.w3.org/2000/svg" style="max-width: 200px; position: fixed; z-index: 99; inset: 0px;"><style>#keel-mermaid-1 .node rect{fill:#eee}</style><g class="node" style="fill: red; position: absolute;"><rect width="10" height="10"></rect><foreignObject><div>html</div></foreignObject><a href="https://evil.example/"><text>t</text></a></g><script>alert(1)</script></svg>';
  const out = await page.evaluate((s) => KeelSanitize.sanitizeDiagramSvg(s), svg);
  expect(out).toContain('<style>#keel-mermaid-1 .node rect{fill:#eee}</style>');
  expect(out).toContain('style="max-width: 200px;"');
  expect(out).toContain('style="fill: red;"');
  expect(out).not.toMatch(/position|z-index|inset|foreignObject|<a|<script|evil/);
});
