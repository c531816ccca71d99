/**
 * Sanitising of HTML that comes from workspace files (a cloned repository's design.md) and from mermaid. DOMPurify
 * removes script; this profile also removes everything that could change what the rest of Keel looks like or does:
 * style sheets and `style` attributes (restyling, overlays), `<link>`, forms and controls (a fake "Run" button),
 * frames, `popover` (the top layer is above any containment) and `<base>`. The result is shown inside an
 * IsolatedSurface, so what slips past this list still stays inside its box.
 */
import DOMPurify, { type Config } from 'dompurify';

/** Elements never kept from a Markdown document (the text inside a removed element is kept, as text). */
export const FORBIDDEN_TAGS = ['style', 'link', 'meta', 'base', 'form', 'button', 'textarea', 'select', 'option', 'optgroup', 'fieldset', 'iframe', 'frame', 'frameset', 'object', 'embed', 'dialog', 'template', 'slot', 'portal'];
/** Attributes never kept (event handlers and `javascript:` URLs are DOMPurify's own job). */
export const FORBIDDEN_ATTRS = ['style', 'popover', 'popovertarget', 'popovertargetaction', 'target', 'formaction', 'form', 'autofocus', 'tabindex', 'accesskey', 'contenteditable', 'ping', 'srcset', 'inert'];

const markdownConfig: Config = {
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRS,
  ALLOW_DATA_ATTR: false,
  // A design document has no use for SVG or MathML of its own; diagrams come from mermaid, sanitised below.
  USE_PROFILES: { html: true },
};

/** CSS properties that move an element out of its place or over other things (the surface clips them anyway). */
const POSITIONING = /^(position|inset(-.*)?|top|right|bottom|left|z-index)$/;

/** Markdown renderer output (marked) → HTML safe to show inside an IsolatedSurface. */
export function sanitizeMarkdownHtml(html: string): string {
  const clean = DOMPurify.sanitize(html, { ...markdownConfig, RETURN_DOM_FRAGMENT: true }) as unknown as DocumentFragment;
  // Task lists are the one control Markdown produces: a disabled checkbox. Any other input goes.
  for (const input of clean.querySelectorAll('input')) {
    if (input.getAttribute('type') === 'checkbox') input.setAttribute('disabled', '');
    else input.remove();
  }
  return serialize(clean);
}

function serialize(fragment: DocumentFragment): string {
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
}

/**
 * mermaid's SVG → SVG safe to show. Its own `<style>` (scoped to the diagram's id) and presentation styles stay,
 * since the diagram needs them; declarations that position the element are dropped from `style` attributes.
 */
export function sanitizeDiagramSvg(svg: string): string {
  const clean = DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'a', 'link', 'iframe', 'form'],
    FORBID_ATTR: ['popover', 'popovertarget', 'popovertargetaction', 'tabindex', 'autofocus'],
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
  for (const el of clean.querySelectorAll<SVGElement | HTMLElement>('[style]')) {
    const style = el.style;
    for (let i = style.length - 1; i >= 0; i--) {
      const name = style.item(i);
      if (POSITIONING.test(name)) style.removeProperty(name);
    }
  }
  return serialize(clean);
}
