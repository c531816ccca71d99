/**
 * requirements.md: `### Requirement N: Title`, a `**User Story:**` line and numbered EARS acceptance criteria under
 * `#### Acceptance Criteria`, each referenced elsewhere as `N.M`. Headings in any language (`### 要件1：`,
 * `### Yêu cầu 1:`, `#### 인수 조건`) are found by their shape (requirement-headings.ts); anything else is kept as free
 * Markdown. `serializeRequirements(parseRequirements(x)) === x`.
 */
import type { Diagnostic } from '../diagnostics';
import { indentOf, indentWidth, isBlank, joinLines, splitLines, type SourceLine } from '../text/lines';
import { scanMarkdown, type Heading } from '../text/markdown-scan';
import { isCriteriaHeadingText, matchRequirementHeading, matchStoryLine, opensNumberedList, requirementHeadingIndexes } from './requirement-headings';

export interface Criterion {
  /** `N.M` as other files cite it. */
  id: string;
  /** The item's own number as written (`M`), or its position when the list uses bullets. */
  number: string;
  line: number;
  /** Last line of the criterion (continuation lines included). */
  endLine: number;
  /** `3.` / `3)` / `-` as written, and its column. */
  marker: string;
  markerColumn: number;
  /** Column where the criterion text starts on `line`. */
  textColumn: number;
  /** Full text, continuation lines joined with a space. */
  text: string;
}

export interface UserStory {
  line: number;
  /** Column where the story text (after the label) starts. */
  textColumn: number;
  text: string;
}

export interface Requirement {
  /** `N` as written in the heading. */
  id: string;
  /** Column of `N` on the heading line. */
  idColumn: number;
  title: string;
  /** Column where the title starts on the heading line (end of line when there is none). */
  titleColumn: number;
  heading: Heading;
  /** Last non-blank line of the requirement's section. */
  endLine: number;
  story?: UserStory;
  criteriaHeading?: Heading;
  criteria: Criterion[];
}

export interface RequirementsDoc {
  kind: 'requirements';
  lines: SourceLine[];
  headings: Heading[];
  hidden: boolean[];
  title?: Heading;
  requirements: Requirement[];
  diagnostics: Diagnostic[];
}

const NUMBERED = /^( {0,3})(\d{1,4})([.)])([ \t]+)(.*)$/;
const BULLET = /^( {0,1})([-*+])([ \t]+)(.*)$/;
const DOTTED = /^( {0,3})(\d{1,4})\.(\d{1,4})([.:)]?)([ \t]+)(.*)$/;

export function parseRequirements(source: string): RequirementsDoc {
  const lines = splitLines(source);
  const scan = scanMarkdown(lines, { frontMatter: true });
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const requirements: Requirement[] = [];
  const hs = scan.headings;
  const reqAt = requirementHeadingIndexes(hs, lines, scan.hidden);
  const isReq = new Set(reqAt);
  for (const k of reqAt) {
    const h = hs[k] as Heading;
    const m = matchRequirementHeading(h.text);
    if (!m) continue;
    let next = k + 1;
    while (next < hs.length && (hs[next] as Heading).level > h.level && !isReq.has(next)) next++;
    const sectionEnd = next < hs.length ? (hs[next] as Heading).line : lines.length;
    const title = m.title;
    const lineText = (lines[h.line] as SourceLine).text;
    const idColumn = h.textColumn + h.text.indexOf(m.id, h.text.indexOf(m.label) + m.label.length);
    const titleColumn = title ? lineText.lastIndexOf(title) : lineText.trimEnd().length;
    const req: Requirement = { id: m.id, idColumn, title, titleColumn, heading: h, endLine: lastNonBlank(lines, h.line, sectionEnd), criteria: [] };
    const acAt = criteriaHeadingIndex(hs, k, next, lines, scan.hidden, sectionEnd);
    const acIndex = acAt >= 0 ? (hs[acAt] as Heading) : undefined;
    if (acIndex) req.criteriaHeading = acIndex;
    const story = findStory(lines, scan.hidden, h.line + 1, sectionEnd);
    if (story) req.story = story;
    const from = acIndex ? acIndex.line + 1 : (req.story?.line ?? h.line) + 1;
    const to = acIndex ? sectionEndFor(hs, acAt, sectionEnd) : sectionEnd;
    req.criteria = readCriteria(lines, scan.hidden, from, to, req.id);
    requirements.push(req);
  }
  const title = hs.find((x) => x.level === 1);
  const doc: RequirementsDoc = { kind: 'requirements', lines, headings: hs, hidden: scan.hidden, requirements, diagnostics };
  if (title) doc.title = title;
  return doc;
}

/**
 * The acceptance-criteria sub-heading of the requirement at `hs[k]` (sub-headings up to `next`): one with a known
 * label in any language, else the first deeper sub-heading whose content opens with a numbered list. -1 if none.
 */
function criteriaHeadingIndex(hs: readonly Heading[], k: number, next: number, lines: readonly SourceLine[], hidden: readonly boolean[], sectionEnd: number): number {
  for (let j = k + 1; j < next; j++) if (isCriteriaHeadingText((hs[j] as Heading).text)) return j;
  for (let j = k + 1; j < next; j++) if (opensNumberedList(lines, hidden, hs[j] as Heading, j + 1 < hs.length ? Math.min((hs[j + 1] as Heading).line, sectionEnd) : sectionEnd)) return j;
  return -1;
}

/**
 * The user story: a line with a known story label anywhere in the section, else a bold `**Label:**` line when it is
 * the first thing under the heading (where Kiro puts the story in every language).
 */
function findStory(lines: readonly SourceLine[], hidden: readonly boolean[], from: number, to: number): UserStory | undefined {
  let fallback: UserStory | undefined;
  let first = true;
  for (let i = from; i < to; i++) {
    const text = (lines[i] as SourceLine).text;
    if (hidden[i] || isBlank(text)) continue;
    const s = matchStoryLine(text);
    if (s?.known) return { line: i, textColumn: s.textColumn, text: s.text };
    if (s && first) fallback = { line: i, textColumn: s.textColumn, text: s.text };
    first = false;
  }
  return fallback;
}

/** Where the section of heading `hs[at]` ends: the next heading of the same or a higher level, capped at `limit`. */
function sectionEndFor(hs: readonly Heading[], at: number, limit: number): number {
  const h = hs[at] as Heading;
  for (let j = at + 1; j < hs.length; j++) {
    const x = hs[j] as Heading;
    if (x.line >= limit) break;
    if (x.level <= h.level) return x.line;
  }
  return limit;
}

function lastNonBlank(lines: readonly SourceLine[], from: number, to: number): number {
  for (let i = to - 1; i > from; i--) if (!isBlank((lines[i] as SourceLine).text)) return i;
  return from;
}

/**
 * Criteria between `from` and `to`: numbered items (`1. WHEN …`), or `1.1 WHEN …` lines (cc-sdd style), or — in a
 * list with neither — top-level bullets numbered by position.
 */
export function readCriteria(lines: readonly SourceLine[], hidden: readonly boolean[], from: number, to: number, reqId: string): Criterion[] {
  const out: Criterion[] = [];
  let mode: 'numbered' | 'dotted' | 'bullets' = 'bullets';
  for (let i = from; i < to && mode !== 'numbered'; i++) {
    if (hidden[i]) continue;
    const text = (lines[i] as SourceLine).text;
    if (NUMBERED.test(text)) mode = 'numbered';
    else if (DOTTED.test(text)) mode = 'dotted';
  }
  let current: Criterion | undefined;
  let contentWidth = 0;
  for (let i = from; i < to; i++) {
    const text = (lines[i] as SourceLine).text;
    if (hidden[i]) continue;
    const item = matchItem(mode, text, out.length, reqId);
    if (item) {
      current = { ...item, line: i, endLine: i };
      contentWidth = item.textColumn;
      out.push(current);
      continue;
    }
    if (!current || isBlank(text)) continue;
    // Continuation: an indented line (or a lazy line right after the item) still belongs to the criterion.
    const prevBlank = isBlank((lines[i - 1] as SourceLine).text);
    if (indentWidth(indentOf(text)) >= Math.min(contentWidth, 2) || (!prevBlank && i - 1 === current.endLine)) {
      current.text += ' ' + text.trim();
      current.endLine = i;
    } else {
      current = undefined;
    }
  }
  return out;
}

function matchItem(mode: 'numbered' | 'dotted' | 'bullets', text: string, count: number, reqId: string): Omit<Criterion, 'line' | 'endLine'> | undefined {
  if (mode === 'numbered') {
    const m = NUMBERED.exec(text);
    if (!m) return undefined;
    const [, indent = '', num = '', dot = '', gap = '', rest = ''] = m;
    return { id: `${reqId}.${num}`, number: num, marker: num + dot, markerColumn: indent.length, textColumn: indent.length + num.length + dot.length + gap.length, text: rest.trim() };
  }
  if (mode === 'dotted') {
    const m = DOTTED.exec(text);
    if (!m) return undefined;
    const [, indent = '', major = '', minor = '', tail = '', gap = '', rest = ''] = m;
    const marker = `${major}.${minor}${tail}`;
    return { id: `${major}.${minor}`, number: minor, marker, markerColumn: indent.length, textColumn: indent.length + marker.length + gap.length, text: rest.trim() };
  }
  const m = BULLET.exec(text);
  if (!m) return undefined;
  const [, indent = '', bullet = '', gap = '', rest = ''] = m;
  const number = String(count + 1);
  return { id: `${reqId}.${number}`, number, marker: bullet, markerColumn: indent.length, textColumn: indent.length + bullet.length + gap.length, text: rest.trim() };
}

export function serializeRequirements(doc: RequirementsDoc): string {
  return joinLines(doc.lines);
}

export function findRequirement(doc: RequirementsDoc, id: string): Requirement | undefined {
  return doc.requirements.find((r) => r.id === id);
}

export function countCriteria(doc: { requirements: readonly Requirement[] }): number {
  return doc.requirements.reduce((n, r) => n + r.criteria.length, 0);
}
