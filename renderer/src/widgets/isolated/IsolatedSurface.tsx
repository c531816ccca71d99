import { useCallback, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { followLink } from '../links/followLink';
import { headingSlug, resolveLink } from '../links/resolveLink';
import baseCss from './surface.css?inline';

/**
 * A box for content Keel did not write (a workspace file rendered as Markdown, a model's answer, a diagram): the
 * children render into an open shadow root, so no style inside reaches the page and the page's styles reach in only
 * through inherited properties and CSS variables (the theme). The host clips and contains what is drawn inside
 * (surface.css), and every link click is caught here: nothing rendered inside can navigate Keel's window.
 * `sheets` are the surface's own stylesheets (CSS text, shared between surfaces as constructed sheets).
 */
export function IsolatedSurface(props: {
  sheets: readonly string[];
  className?: string;
  testId?: string;
  /** Workspace-relative path of the rendered document (relative links resolve against it); none: the root. */
  linkBase?: string;
  /** Called first for every link click; return true when handled (e.g. the design preview's requirement links). */
  onLink?: (link: HTMLAnchorElement) => boolean;
  children: ReactNode;
}) {
  const { sheets, linkBase, onLink } = props;
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  // Set in the commit phase, so the children render before the first paint (no empty frame).
  const host = useCallback((el: HTMLDivElement | null) => {
    if (el) setRoot(el.shadowRoot ?? el.attachShadow({ mode: 'open' }));
  }, []);
  // Before paint: the content never shows unstyled.
  useLayoutEffect(() => {
    if (root) root.adoptedStyleSheets = [baseCss, ...sheets].map(constructed);
  }, [root, sheets]);
  useEffect(() => {
    if (!root) return;
    const onClick = (event: Event) => {
      const e = event as MouseEvent;
      const link = (e.target as Element | null)?.closest?.('a');
      if (!link) return;
      // Captured before anything inside sees it: the default action (navigation) never happens.
      e.preventDefault();
      if (e.type === 'click' && onLink?.(link)) return;
      if (e.type === 'auxclick' && e.button !== 1) return;
      const target = resolveLink(link.getAttribute('href') ?? '', linkBase);
      if (target.kind === 'anchor') scrollToHeading(root, target.id);
      else void followLink(target);
    };
    root.addEventListener('click', onClick, true);
    root.addEventListener('auxclick', onClick, true);
    return () => {
      root.removeEventListener('click', onClick, true);
      root.removeEventListener('auxclick', onClick, true);
    };
  }, [root, linkBase, onLink]);
  return (
    <div ref={host} className={props.className} data-testid={props.testId}>
      {root && createPortal(props.children, root)}
    </div>
  );
}

const sheetCache = new Map<string, CSSStyleSheet>();

function constructed(css: string): CSSStyleSheet {
  let sheet = sheetCache.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheetCache.set(css, sheet);
  }
  return sheet;
}

function scrollToHeading(root: ShadowRoot, id: string): void {
  const want = headingSlug(id);
  const heading = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].find((h) => h.id === id || headingSlug(h.textContent ?? '') === want);
  heading?.scrollIntoView({ block: 'start' });
}
