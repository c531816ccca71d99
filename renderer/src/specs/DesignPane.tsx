import { marked } from 'marked';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseDesign } from '../../../specs-schema';
import { useLayout } from '../state/layout';
import { IsolatedSurface } from '../widgets/isolated/IsolatedSurface';
import { sanitizeMarkdownHtml } from '../widgets/isolated/sanitize';
import { linkRequirementRefs } from './designRefs';
import previewCss from './markdownPreview.css?inline';
import { renderMermaid } from './mermaidRender';
import { useSpecEditors } from './specEditorStore';
import { useDocText } from './useDocText';

/**
 * Markdown → sanitized HTML: a spec may come from anyone (a cloned repo), so no script, handler, style sheet,
 * overlay or form survives, and the result is shown in an IsolatedSurface.
 */
export function renderMarkdown(text: string): string {
  return sanitizeMarkdownHtml(marked.parse(text, { async: false, gfm: true }));
}

const PREVIEW_SHEETS = [previewCss];

interface Props {
  tab: string;
  path: string;
  /** Requirement and criterion ids the requirements document defines (others are shown as dangling). */
  knownIds: ReadonlySet<string>;
  onShowMarkdown: () => void;
}

/**
 * design.md: an outline of its sections (with the requirements each one validates) beside a rendered preview with
 * mermaid diagrams drawn and requirement references linked to their criteria. Editing happens in the Markdown view.
 */
export function DesignPane({ tab, path, knownIds, onShowMarkdown }: Props) {
  const text = useDocText(path);
  const doc = useMemo(() => (text === undefined ? undefined : parseDesign(text)), [text]);
  const html = useMemo(() => (text === undefined ? '' : renderMarkdown(text)), [text]);
  const theme = useLayout((s) => s.theme);
  // The preview's content element lives in the surface's shadow root, which exists only after the first commit.
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  // After each render of the HTML: link requirement refs, then draw diagrams (async; stale renders are dropped).
  useEffect(() => {
    if (!root) return;
    linkRequirementRefs(root, knownIds);
    let stale = false;
    // A theme change re-draws: earlier drawings go, their (hidden) sources stay in the HTML.
    for (const el of root.querySelectorAll('.mermaid-diagram, .mermaid-error')) el.remove();
    for (const code of root.querySelectorAll<HTMLElement>('pre > code.language-mermaid')) {
      const pre = code.parentElement as HTMLElement;
      const source = code.textContent ?? '';
      pre.classList.add('mermaid-source');
      void renderMermaid(source, theme).then(({ svg, error }) => {
        if (stale || !pre.isConnected) return;
        if (svg) {
          const figure = document.createElement('figure');
          figure.className = 'mermaid-diagram';
          figure.dataset.testid = 'mermaid-diagram';
          figure.innerHTML = svg;
          pre.hidden = true;
          pre.after(figure);
        } else {
          const note = document.createElement('div');
          note.className = 'mermaid-error';
          note.textContent = `This diagram could not be drawn: ${error ?? 'unknown error'}`;
          pre.hidden = false;
          pre.after(note);
        }
      });
    }
    return () => {
      stale = true;
    };
  }, [root, html, theme, knownIds]);
  const onLink = useCallback(
    (link: HTMLAnchorElement) => {
      if (!link.dataset.req) return link.classList.contains('req-link');
      useSpecEditors.getState().revealCriterion(tab, link.dataset.req);
      return true;
    },
    [tab],
  );
  if (!doc) return <div className="editor-loading" aria-busy="true" />;
  // Headings inside code fences are in neither the outline nor the preview, so the n-th of each match.
  const reveal = (index: number) => root?.querySelectorAll('h1, h2, h3, h4, h5, h6')[index]?.scrollIntoView({ block: 'start' });
  const showCriterion = (id: string) => useSpecEditors.getState().revealCriterion(tab, id);
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
              {s.refs.flatMap((r) => r.items).map((item, k) => {
                const id = item.ids[0];
                const known = item.ids.length > 0 && item.ids.every((x) => knownIds.has(x));
                return (
                  <button key={k} className={`chip${known ? '' : item.ids.length ? ' dangling' : ' plain'}`} disabled={!known} title={known ? `Show requirement ${item.ids.join(', ')}` : item.ids.length ? `${item.raw} is not defined in the requirements` : 'Not a requirement id'} onClick={() => id && showCriterion(id)}>
                    {item.raw}
                  </button>
                );
              })}
            </li>
          ))}
        </ul>
      </nav>
      <IsolatedSurface className="markdown-preview" testId="design-preview" sheets={PREVIEW_SHEETS} linkBase={path} onLink={onLink}>
        <div ref={setRoot} dangerouslySetInnerHTML={{ __html: html }} />
      </IsolatedSurface>
    </div>
  );
}
