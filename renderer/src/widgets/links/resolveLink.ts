/** Where a link in rendered Markdown leads, decided from its raw `href` (never from the page-resolved URL). */
export type LinkTarget =
  | { kind: 'external'; url: string }
  /** A workspace file, as a workspace-relative path with `/` separators. */
  | { kind: 'file'; path: string }
  /** A heading in the same document (`#data-models`). */
  | { kind: 'anchor'; id: string }
  | { kind: 'blocked'; href: string };

const EXTERNAL = new Set(['http:', 'https:', 'mailto:']);

/**
 * `fromFile` is the workspace-relative path of the document the link is in (links are relative to its folder), or
 * undefined for text with no file (a chat answer: relative to the workspace root). A path that climbs out of the
 * workspace, and every scheme but http(s) and mailto, is blocked.
 */
export function resolveLink(href: string, fromFile?: string): LinkTarget {
  const raw = href.trim();
  if (raw === '' || raw === '#') return { kind: 'blocked', href };
  if (raw.startsWith('#')) return { kind: 'anchor', id: safeDecode(raw.slice(1)) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) {
    try {
      const url = new URL(raw);
      return EXTERNAL.has(url.protocol) ? { kind: 'external', url: url.href } : { kind: 'blocked', href };
    } catch {
      return { kind: 'blocked', href };
    }
  }
  const pathPart = raw.replace(/[?#].*$/, '');
  if (pathPart === '') return { kind: 'blocked', href };
  const base = pathPart.startsWith('/') || fromFile === undefined ? [] : fromFile.split('/').slice(0, -1);
  const parts = [...base];
  for (const seg of safeDecode(pathPart).split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return { kind: 'blocked', href };
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length === 0 ? { kind: 'blocked', href } : { kind: 'file', path: parts.join('/') };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** GitHub-style heading slug: what `#data-models` refers to in a Markdown document. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
