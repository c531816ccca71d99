/**
 * design.md is free Markdown (Overview, Architecture with mermaid, Components and Interfaces, Data Models,
 * Correctness Properties, Error Handling, Testing Strategy). The model keeps its sections and the requirement
 * references written in them (`**Validates: Requirements 1.2**`, `_Requirements: 1.1_`) for traceability.
 */
import type { Diagnostic } from '../diagnostics';
import { findRefLists, type RefList } from '../refs';
import { joinLines, splitLines, type SourceLine } from '../text/lines';
import { scanMarkdown, type Heading } from '../text/markdown-scan';

export interface DesignSection {
  heading: Heading;
  /** First line after the heading and the line where the next heading (of any level) starts. */
  start: number;
  end: number;
  refs: RefList[];
}

export interface DesignDoc {
  kind: 'design';
  lines: SourceLine[];
  headings: Heading[];
  hidden: boolean[];
  title?: Heading;
  sections: DesignSection[];
  diagnostics: Diagnostic[];
}

export function parseDesign(source: string): DesignDoc {
  const lines = splitLines(source);
  const scan = scanMarkdown(lines, { frontMatter: true });
  const sections: DesignSection[] = scan.headings.map((h, k) => {
    const next = scan.headings[k + 1];
    return { heading: h, start: h.line + 1, end: next ? next.line : lines.length, refs: [] };
  });
  let s = 0;
  for (let i = 0; i < lines.length; i++) {
    if (scan.hidden[i]) continue;
    while (s + 1 < sections.length && (sections[s + 1] as DesignSection).heading.line <= i) s++;
    const section = sections[s];
    if (!section || section.heading.line > i) continue;
    const refs = findRefLists((lines[i] as SourceLine).text, i);
    if (refs.length) section.refs.push(...refs);
  }
  const doc: DesignDoc = { kind: 'design', lines, headings: scan.headings, hidden: scan.hidden, sections, diagnostics: [...scan.diagnostics] };
  const title = scan.headings.find((h) => h.level === 1);
  if (title) doc.title = title;
  return doc;
}

export function serializeDesign(doc: DesignDoc): string {
  return joinLines(doc.lines);
}
