import type { Token, Tokens } from 'marked';
import { memo, type ReactNode } from 'react';
import { resolveLink } from '../../widgets/links/resolveLink';
import { CodeBlock } from './CodeBlock';
import { safeHref, unescapeHtml } from './safeUrl';

/**
 * Renders marked's tokens as React elements. No HTML string is ever injected: raw HTML from the model shows as the
 * text it is, links are limited to http(s)/mailto and workspace files, and images are shown as links (never
 * fetched), so a prompt injection cannot run script or beacon data out through an image URL. Clicks on links are
 * handled by the answer's IsolatedSurface: web links ask first, files open in Keel, nothing navigates the window.
 */
export const MarkdownBlock = memo(function MarkdownBlock({ token }: BlockProps) {
  return <>{block(token, 0)}</>;
}, sameBlock);

interface BlockProps {
  token: Token;
  final: boolean;
}

/**
 * While an answer streams only its last block changes; earlier blocks keep their source text and skip rendering.
 * When the answer completes every block renders once more (a late link definition can change an earlier one).
 */
export function sameBlock(a: BlockProps, b: BlockProps): boolean {
  return a.final === b.final && a.token.raw === b.token.raw && a.token.type === b.token.type;
}

function blocks(tokens: Token[] | undefined): ReactNode {
  return tokens?.map((t, i) => block(t, i));
}

function block(t: Token, key: number): ReactNode {
  const tok = t as Tokens.Generic;
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const h = t as Tokens.Heading;
      const Tag = `h${Math.min(6, Math.max(1, h.depth))}` as 'h1';
      return <Tag key={key}>{inline(h.tokens)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens)}</p>;
    case 'code': {
      const c = t as Tokens.Code;
      return <CodeBlock key={key} code={c.text} lang={c.lang ?? ''} />;
    }
    case 'blockquote':
      return <blockquote key={key}>{blocks((t as Tokens.Blockquote).tokens)}</blockquote>;
    case 'hr':
      return <hr key={key} />;
    case 'list':
      return list(t as Tokens.List, key);
    case 'table':
      return table(t as Tokens.Table, key);
    case 'html':
      return (
        <p key={key} className="md-raw">
          {tok.raw.trimEnd()}
        </p>
      );
    case 'text':
      // Block-level text (inside tight list items) carries inline tokens.
      return <span key={key}>{tok.tokens ? inline(tok.tokens as Token[]) : unescapeHtml(String(tok.text ?? ''))}</span>;
    default:
      return tok.tokens ? <div key={key}>{blocks(tok.tokens as Token[])}</div> : <p key={key}>{String(tok.raw ?? '')}</p>;
  }
}

function list(l: Tokens.List, key: number): ReactNode {
  const items = l.items.map((item, i) => (
    <li key={i} className={item.task ? 'md-task' : undefined}>
      {item.task && <input type="checkbox" checked={!!item.checked} readOnly disabled aria-label={item.checked ? 'done' : 'not done'} />}
      {blocks(item.tokens)}
    </li>
  ));
  if (l.ordered) {
    const start = typeof l.start === 'number' ? l.start : undefined;
    return (
      <ol key={key} start={start}>
        {items}
      </ol>
    );
  }
  return <ul key={key}>{items}</ul>;
}

function table(t: Tokens.Table, key: number): ReactNode {
  const align = (a: Tokens.TableCell['align']) => (a ? { textAlign: a } : undefined);
  return (
    <div key={key} className="md-table">
      <table>
        <thead>
          <tr>
            {t.header.map((c, i) => (
              <th key={i} style={align(c.align)}>
                {inline(c.tokens)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row, r) => (
            <tr key={r}>
              {row.map((c, i) => (
                <td key={i} style={align(c.align)}>
                  {inline(c.tokens)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function inline(tokens: Token[] | undefined): ReactNode {
  return tokens?.map((t, i) => inlineToken(t, i));
}

function inlineToken(t: Token, key: number): ReactNode {
  const tok = t as Tokens.Generic;
  switch (t.type) {
    case 'text':
      return tok.tokens ? <span key={key}>{inline(tok.tokens as Token[])}</span> : unescapeHtml(String(tok.text ?? ''));
    case 'escape':
      return unescapeHtml((t as Tokens.Escape).text);
    case 'strong':
      return <strong key={key}>{inline((t as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{inline((t as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{inline((t as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{unescapeHtml((t as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const l = t as Tokens.Link;
      const href = safeHref(l.href);
      // A relative link names a workspace file (from the root): the answer's surface opens it in an editor tab.
      const file = href ? undefined : resolveLink(l.href);
      if (file?.kind === 'file') {
        return (
          <a key={key} href={file.path} title={`Open ${file.path}`} data-workspace-file="">
            {inline(l.tokens)}
          </a>
        );
      }
      if (!href) return <span key={key}>{inline(l.tokens)}</span>;
      return (
        <a key={key} href={href} title={l.title ?? href} target="_blank" rel="noopener noreferrer nofollow">
          {inline(l.tokens)}
        </a>
      );
    }
    case 'image': {
      const img = t as Tokens.Image;
      const href = safeHref(img.href);
      const label = `image: ${img.text || img.href}`;
      return href ? (
        <a key={key} className="md-image" href={href} title={href} target="_blank" rel="noopener noreferrer nofollow">
          {label}
        </a>
      ) : (
        <span key={key} className="md-image">
          {label}
        </span>
      );
    }
    case 'html':
      return tok.raw;
    default:
      return String(tok.raw ?? '');
  }
}
