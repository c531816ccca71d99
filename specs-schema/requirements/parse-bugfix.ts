/**
 * bugfix.md (Kiro's bugfix spec): an introduction and a bug analysis whose criteria are written `1.1 WHEN … THEN …`
 * under Current Behavior (1.x), Expected Behavior (2.x) and Unchanged Behavior (3.x). Each major number is modelled
 * as a requirement so tasks' `_Requirements: 2.1_` refs trace the same way as in a feature spec.
 */
import type { Diagnostic } from '../diagnostics';
import { isBlank, joinLines, splitLines, type SourceLine } from '../text/lines';
import { headingAbove, scanMarkdown, type Heading } from '../text/markdown-scan';
import type { Criterion, Requirement } from './parse-requirements';

export type BugfixSectionKind = 'current' | 'expected' | 'unchanged' | 'other';

export interface BugfixDoc {
  kind: 'bugfix';
  lines: SourceLine[];
  headings: Heading[];
  hidden: boolean[];
  title?: Heading;
  /** One per major number (1 = current, 2 = expected, 3 = unchanged in Kiro's template). */
  requirements: (Requirement & { section: BugfixSectionKind })[];
  diagnostics: Diagnostic[];
}

const BUGFIX_CRITERION = /^([ \t]*(?:[-*][ \t]+)?(?:\*\*)?)(\d+)\.(\d+)(\.?(?:\*\*)?[.:)]?)([ \t]+)(.*)$/;

export function sectionKind(heading: string): BugfixSectionKind {
  if (/current|defect|actual|現在|当前|现状/iu.test(heading)) return 'current';
  if (/expected|correct|期待|预期|期望/iu.test(heading)) return 'expected';
  if (/unchanged|regression|preserv|不変|保持|不变/iu.test(heading)) return 'unchanged';
  return 'other';
}

export function parseBugfix(source: string): BugfixDoc {
  const lines = splitLines(source);
  const scan = scanMarkdown(lines, { frontMatter: true });
  const byId = new Map<string, Requirement & { section: BugfixSectionKind }>();
  let current: Criterion | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as SourceLine).text;
    if (scan.hidden[i]) continue;
    const m = BUGFIX_CRITERION.exec(text);
    if (!m) {
      if (current && !isBlank(text) && i === current.endLine + 1 && !/^[ \t]*#/.test(text)) {
        current.text += ' ' + text.trim();
        current.endLine = i;
      } else current = undefined;
      continue;
    }
    const major = m[2] as string;
    const heading = headingAbove(scan.headings, i);
    let req = byId.get(major);
    if (!req) {
      const h = heading ?? { line: i, level: 0, text: '', textColumn: 0 };
      req = { id: major, idColumn: -1, title: h.text, titleColumn: h.textColumn, heading: h, endLine: i, criteria: [], section: sectionKind(h.text) };
      byId.set(major, req);
    }
    const markerColumn = (m[1] as string).length;
    const textColumn = markerColumn + major.length + 1 + (m[3] as string).length + (m[4] as string).length + (m[5] as string).length;
    current = { id: `${major}.${m[3]}`, number: m[3] as string, line: i, endLine: i, marker: `${major}.${m[3]}${m[4]}`, markerColumn, textColumn, text: (m[6] as string).trim() };
    req.criteria.push(current);
    req.endLine = i;
  }
  const doc: BugfixDoc = { kind: 'bugfix', lines, headings: scan.headings, hidden: scan.hidden, requirements: [...byId.values()], diagnostics: [...scan.diagnostics] };
  const title = scan.headings.find((h) => h.level === 1);
  if (title) doc.title = title;
  return doc;
}

export function serializeBugfix(doc: BugfixDoc): string {
  return joinLines(doc.lines);
}
