import type { LineMatch } from '../../../protocol';
import { previewReplacement } from './previewReplace';

/** How much of a long line is kept before the first match, so the match stays visible in a narrow side bar. */
const LEAD = 10;

/** A result line with its matches highlighted; with a replacement, each match shows struck out + the new text. */
export function MatchPreview({ line, replacing }: { line: LineMatch; replacing?: Parameters<typeof previewReplacement>[1] }) {
  const ranges = line.ranges;
  const first = ranges[0]?.start ?? 0;
  const from = first > LEAD ? first - LEAD : 0;
  const parts: React.ReactNode[] = [];
  let at = from;
  if (from > 0) parts.push('…');
  ranges.forEach((r, i) => {
    if (r.start < at) return;
    parts.push(line.text.slice(at, r.start));
    const matched = line.text.slice(r.start, r.end);
    if (replacing === undefined) parts.push(<mark key={i} className="search-match">{matched}</mark>);
    else
      parts.push(
        <span key={i}>
          <del className="search-removed">{matched}</del>
          <ins className="search-inserted">{previewReplacement(matched, replacing)}</ins>
        </span>,
      );
    at = r.end;
  });
  parts.push(line.text.slice(at, at + 500));
  return <span className="search-line-text">{parts}</span>;
}
