/**
 * Which headings of requirements.md are requirements, and which sub-heading holds the acceptance criteria — found by
 * shape (heading level, `<label> N:` numbering, a numbered list under a sub-heading), not by English words. Kiro
 * writes these headings in the user's language (`### 要件1：`, `### 요구사항 1:`, `### Yêu cầu 1:`, `### Вимога 1:`),
 * so a list of labels can never be complete: known labels are accepted on sight, and any other label is accepted
 * when the headings that carry it look like Kiro requirements (a user-story line or a numbered criteria list).
 */
import { isBlank, type SourceLine } from '../text/lines';
import type { Heading } from '../text/markdown-scan';

/** Labels seen in Kiro files (and close relatives); anything else needs the structural test below. */
const KNOWN_LABEL = /^(?:requirements?|req\.?|需求|要件|要求|요구\s?사항|requisito|requerimiento|yêu cầu|вимога|требование|exigence|anforderung|wymaganie|gereksinim)$/iu;

/**
 * `<label> N<sep> title`: a label of up to four words of letters in any script (`Yêu cầu`, `要件`), optional space,
 * a number (`3`, `3.1`), then `:` `：` `.` `-` `–` `—` or nothing. `FR-1` and `1. Scope` are not requirement headings.
 */
const NUMBERED_HEADING = /^(?:\*\*)?((?:[\p{L}\p{M}]+\.?)(?:[ \t]+[\p{L}\p{M}]+\.?){0,3})[ \t]*(\d+(?:\.\d+)?)(?:\*\*)?[ \t]*(?:[:：.\-–—][ \t]*)?(.*)$/u;

export interface RequirementHeadingMatch {
  label: string;
  id: string;
  title: string;
}

export function matchRequirementHeading(text: string): RequirementHeadingMatch | undefined {
  const m = NUMBERED_HEADING.exec(text);
  if (!m) return undefined;
  return { label: (m[1] as string).trim(), id: m[2] as string, title: (m[3] as string).trim() };
}

const CRITERIA_LABEL =
  /acceptance criteria|验收标准|验收条件|驗收標準|受入基準|受け入れ基準|受入条件|인수\s?조건|수용\s?기준|승인\s?기준|crit[ée]rios? de aceita[çc][ãa]o|crit[ée]rios? de aceptaci[óo]n|tiêu chí (?:chấp nhận|nghiệm thu)|критерії (?:приймання|прийняття)|критерии (?:приемки|приёмки)|critères d[’']acceptation|akzeptanzkriterien/iu;

/** A story line: `**User Story:** …`, `**사용자 스토리:** …`, `- **История пользователя**: …`. */
const STORY_LABEL = /^(?:user story|用户故事|用戶故事|ユーザーストーリー|사용자 스토리|história d[eo] usuário|historia de usuario|câu chuyện người dùng|історія користувача|история пользователя|user-story|récit utilisateur|benutzergeschichte)$/iu;
const BOLD_LABEL_LINE = /^([ \t]*(?:[-*][ \t]+)?\*\*([^*\n]{1,48}?)[ \t]*([:：])?[ \t]*\*\*[ \t]*([:：])?[ \t]*)(.*)$/u;

export interface StoryMatch {
  textColumn: number;
  text: string;
  known: boolean;
}

/** A bold-label line with a colon; `known` when the label is a user-story label Keel knows. */
export function matchStoryLine(text: string): StoryMatch | undefined {
  const m = BOLD_LABEL_LINE.exec(text);
  if (!m || (!m[3] && !m[4])) return undefined;
  return { textColumn: (m[1] as string).length, text: (m[5] as string).trim(), known: STORY_LABEL.test((m[2] as string).trim()) };
}

export function isCriteriaHeadingText(text: string): boolean {
  return CRITERIA_LABEL.test(text);
}

const LIST_ITEM = /^ {0,3}(?:\d{1,4}[.)]|\d{1,4}\.\d{1,4}[.:)]?)[ \t]+\S/;

/** True when the first non-blank visible line after heading `h` (before `end`) is a numbered list item. */
export function opensNumberedList(lines: readonly SourceLine[], hidden: readonly boolean[], h: Heading, end: number): boolean {
  for (let i = h.line + 1; i < end; i++) {
    const text = (lines[i] as SourceLine).text;
    if (hidden[i] || isBlank(text)) continue;
    return LIST_ITEM.test(text);
  }
  return false;
}

/**
 * Indexes (into `hs`) of the headings that are requirements. Headings with a known label always count. When a
 * document has none, the `<label> N:` headings are grouped by level and label, and the largest group in which some
 * section looks like a Kiro requirement (a story line, or a sub-heading opening a numbered list) is taken — so
 * `### Вимога 1:` counts while a lone `### Phase 1:` outline in prose does not.
 */
export function requirementHeadingIndexes(hs: readonly Heading[], lines: readonly SourceLine[], hidden: readonly boolean[]): number[] {
  const candidates: { at: number; label: string }[] = [];
  for (let k = 0; k < hs.length; k++) {
    const h = hs[k] as Heading;
    if (h.level < 2) continue;
    const m = matchRequirementHeading(h.text);
    if (m) candidates.push({ at: k, label: m.label });
  }
  const known = candidates.filter((c) => KNOWN_LABEL.test(c.label)).map((c) => c.at);
  if (known.length) return known;
  const groups = new Map<string, number[]>();
  for (const c of candidates) {
    const key = `${(hs[c.at] as Heading).level}\u0000${c.label.toLocaleLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), c.at]);
  }
  let best: number[] = [];
  for (const members of groups.values()) {
    if (members.length <= best.length) continue;
    if (members.some((at) => looksLikeRequirement(hs, at, lines, hidden))) best = members;
  }
  return best;
}

/** The section of `hs[at]` opens with a story line, or a sub-heading whose content starts with a numbered list. */
function looksLikeRequirement(hs: readonly Heading[], at: number, lines: readonly SourceLine[], hidden: readonly boolean[]): boolean {
  const h = hs[at] as Heading;
  let end = lines.length;
  for (let j = at + 1; j < hs.length; j++) if ((hs[j] as Heading).level <= h.level) { end = (hs[j] as Heading).line; break; }
  for (let i = h.line + 1; i < end; i++) {
    const text = (lines[i] as SourceLine).text;
    if (hidden[i] || isBlank(text)) continue;
    // Kiro puts the story first under the heading; a bold label further down (`**Acceptance Criteria:**` in an outline) is not one.
    if (matchStoryLine(text)) return true;
    break;
  }
  for (let j = at + 1; j < hs.length && (hs[j] as Heading).line < end; j++) {
    const sub = hs[j] as Heading;
    const next = hs[j + 1];
    if (sub.level > h.level && opensNumberedList(lines, hidden, sub, next ? Math.min(next.line, end) : end)) return true;
  }
  return false;
}
