/**
 * A light Markdown block scan over the line model: which lines are hidden from the spec parsers (code fences, HTML
 * comments, YAML front matter) and which are ATX headings. The spec formats are line-oriented, so this is all the
 * Markdown structure the parsers need, and it keeps every byte (a full Markdown AST would not round-trip).
 */
import { diag, type Diagnostic } from '../diagnostics';
import { firstNonSpace, type SourceLine } from './lines';

export interface Heading {
  line: number;
  level: number;
  /** Heading text without the `#`s and surrounding spaces. */
  text: string;
  /** Column where `text` starts. */
  textColumn: number;
}

export interface MarkdownScan {
  /** hidden[i] is true when line i is inside a code fence (fence lines included), an HTML comment or front matter. */
  hidden: boolean[];
  headings: Heading[];
  /** Index of the first line after YAML front matter (0 when there is none). */
  bodyStart: number;
  /** Lines of the front matter block including both `---` lines, when present. */
  frontMatter?: { start: number; end: number };
  diagnostics: Diagnostic[];
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const FRONT_MATTER_FENCE = /^---[ \t]*$/;

export function scanMarkdown(lines: readonly SourceLine[], options: { frontMatter?: boolean } = {}): MarkdownScan {
  const hidden = new Array<boolean>(lines.length).fill(false);
  const headings: Heading[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  let frontMatter: MarkdownScan['frontMatter'];
  const first = lines[0];
  if (options.frontMatter && first && FRONT_MATTER_FENCE.test(stripBom(first.text))) {
    let end = 1;
    while (end < lines.length && !/^(---|\.\.\.)[ \t]*$/.test((lines[end] as SourceLine).text)) end++;
    if (end < lines.length) {
      frontMatter = { start: 0, end };
      for (let k = 0; k <= end; k++) hidden[k] = true;
      i = end + 1;
    } else {
      diagnostics.push(diag('warning', 'markdown/unclosed-front-matter', 'Front matter opened with `---` is never closed; it is read as Markdown.', 0, 0, { column: 3 }));
    }
  }
  const bodyStart = i;
  for (; i < lines.length; i++) {
    const text = (lines[i] as SourceLine).text;
    const lead = firstNonSpace(text);
    const c = text.charCodeAt(lead);
    // Only lines starting with ` ~ < or # can open a fence, a comment or be a heading.
    if (c !== 96 && c !== 126 && c !== 60 && c !== 35) continue;
    const fence = c === 96 || c === 126 ? FENCE_OPEN.exec(text) : null;
    if (fence && !(fence[1]?.startsWith('`') && fence[2]?.includes('`'))) {
      const marker = fence[1] as string;
      const close = new RegExp(`^[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      const open = i;
      hidden[i] = true;
      i++;
      while (i < lines.length && !close.test((lines[i] as SourceLine).text)) hidden[i++] = true;
      if (i < lines.length) hidden[i] = true;
      else diagnostics.push(diag('warning', 'markdown/unclosed-fence', 'Code fence is never closed; everything after it is treated as code.', open, 0, { column: text.length }));
      continue;
    }
    if (c === 60 && text.startsWith('<!--', lead)) {
      const trimmed = text.slice(lead);
      const open = i;
      let rest = trimmed.slice(4);
      while (!rest.includes('-->')) {
        hidden[i] = true;
        i++;
        if (i >= lines.length) break;
        rest = (lines[i] as SourceLine).text;
      }
      if (i < lines.length) hidden[i] = true;
      else diagnostics.push(diag('warning', 'markdown/unclosed-comment', 'HTML comment is never closed; everything after it is hidden.', open, 0));
      continue;
    }
    const h = c === 35 ? HEADING.exec(text) : null;
    if (h) {
      const raw = h[2] ?? '';
      const textOut = raw.replace(/[ \t]+#+$/, '').replace(/^#+$/, '');
      headings.push({ line: i, level: (h[1] as string).length, text: textOut, textColumn: textOut ? text.indexOf(textOut, (h[1] as string).length) : text.length });
    }
  }
  const scan: MarkdownScan = { hidden, headings, bodyStart, diagnostics };
  if (frontMatter) scan.frontMatter = frontMatter;
  return scan;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The heading a line falls under (the nearest heading above it), or undefined. */
export function headingAbove(headings: readonly Heading[], line: number): Heading | undefined {
  let found: Heading | undefined;
  for (const h of headings) {
    if (h.line > line) break;
    found = h;
  }
  return found;
}
