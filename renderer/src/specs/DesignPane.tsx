import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo, useRef } from 'react';
import { parseDesign } from '../../../specs-schema';
import { useDocText } from './useDocText';

/** Markdown → sanitized HTML: a spec may come from anyone (a cloned repo), so no script or handler survives. */
export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true }));
}

/**
 * design.md: an outline of its sections (with the requirements each one validates) beside a rendered preview.
 * Mermaid diagrams show as their source for now; editing happens in the Markdown view, one click away.
 */
export function DesignPane({ path, onShowMarkdown }: { path: string; onShowMarkdown: () => void }) {
  const text = useDocText(path);
  const doc = useMemo(() => (text === undefined ? undefined : parseDesign(text)), [text]);
  const html = useMemo(() => (text === undefined ? '' : renderMarkdown(text)), [text]);
  const previewRef = useRef<HTMLDivElement>(null);
  if (!doc) return <div className="editor-loading" aria-busy="true" />;
  // Headings inside code fences are in neither the outline nor the preview, so the n-th of each match.
  const reveal = (index: number) => previewRef.current?.querySelectorAll('h1, h2, h3, h4, h5, h6')[index]?.scrollIntoView({ block: 'start' });
  return (
    <div className="design-pane" data-testid="design-pane">
      <nav className="design-outline" aria-label="Design outline">
        <div className="outline-head">
          <span>Outline</span>
          <button className="button secondary" onClick={onShowMarkdown}>
            Edit Markdown
          </button>
        </div>
        {doc.sections.length === 0 && <p className="pane-empty">No sections yet.</p>}
        <ul className="outline">
          {doc.sections.map((s, i) => (
            <li key={s.heading.line} style={{ paddingLeft: `${(s.heading.level - 1) * 12 + 8}px` }}>
              <button className="outline-title" onClick={() => reveal(i)}>
                {s.heading.text}
              </button>
              {s.refs.flatMap((r) => r.items).map((item, k) => (
                <span key={k} className="chip static" title="Requirements this section validates">
                  {item.raw}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </nav>
      <div className="markdown-preview" ref={previewRef} data-testid="design-preview" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
