/**
 * Links from the model are untrusted: only web and mail links become clickable. `javascript:`, `data:`, `file:`
 * and relative URLs (which would resolve against Keel's own origin) stay plain text.
 */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** marked escapes inline text for HTML output; React escapes on its own, so the text is decoded back first. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => entities[m] ?? m);
}
