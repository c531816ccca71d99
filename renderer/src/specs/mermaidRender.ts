/**
 * Mermaid diagrams of a design.md preview. The document is user content (a cloned repo's spec), so mermaid runs
 * with securityLevel 'strict' (labels are escaped, click handlers and links disabled), labels are plain SVG text (no
 * foreignObject HTML), and the SVG it returns is sanitized again before it reaches the page. The mermaid chunk is
 * loaded the first time a diagram is on screen.
 */
import DOMPurify from 'dompurify';

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
    });
    configuredTheme = theme;
  }
  let result: { svg?: string; error?: string };
  try {
    const { svg } = await mermaid.render(`keel-mermaid-${++counter}`, source);
    result = { svg: DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } }) };
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
