/**
 * Mermaid diagrams of a design.md preview. The document is user content (a cloned repo's spec), so mermaid runs
 * with securityLevel 'strict' (labels are escaped, click handlers and links disabled), labels are plain SVG text (no
 * foreignObject HTML), a diagram's directives cannot change the CSS or fonts (`secure`: mermaid scopes its own CSS
 * under the diagram's id), and the SVG it returns is sanitized again before it reaches the preview, itself an
 * IsolatedSurface. (mermaid must measure in the light DOM: it finds its elements with document-wide selectors.) The
 * mermaid chunk is loaded the first time a diagram is on screen.
 */
import { sanitizeDiagramSvg } from '../widgets/isolated/sanitize';

type Mermaid = typeof import('mermaid').default;

let loading: Promise<Mermaid> | null = null;
let configuredTheme: string | null = null;
let counter = 0;
const cache = new Map<string, { svg?: string; error?: string }>();

function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then((m) => m.default);
  return loading;
}

/** Renders one diagram to sanitized SVG markup; a syntax error comes back as `error` (never thrown). */
export async function renderMermaid(source: string, theme: 'light' | 'dark'): Promise<{ svg?: string; error?: string }> {
  const key = `${theme}\n${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const mermaid = await loadMermaid();
  if (configuredTheme !== theme) {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: theme === 'dark' ? 'dark' : 'default',
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      fontFamily: 'system-ui, sans-serif',
      // mermaid's defaults plus what would let a diagram's `%%{init}%%` bring its own CSS or fonts.
      secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges', 'themeCSS', 'fontFamily', 'altFontFamily', 'htmlLabels'],
    });
    configuredTheme = theme;
  }
  let result: { svg?: string; error?: string };
  try {
    const { svg } = await mermaid.render(`keel-mermaid-${++counter}`, source);
    result = { svg: sanitizeDiagramSvg(svg) };
  } catch (err) {
    result = { error: err instanceof Error ? err.message : String(err) };
  } finally {
    // A failed render can leave its temporary element behind.
    document.getElementById(`dkeel-mermaid-${counter}`)?.remove();
  }
  if (cache.size > 100) cache.clear();
  cache.set(key, result);
  return result;
}
