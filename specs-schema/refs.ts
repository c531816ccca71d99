/**
 * Requirement references as written in tasks.md and design.md: `_Requirements: 1.1, 2.3_` (also localized:
 * `_需求: 1.1_`, `_要件: 1.1_`), `**Validates: Requirements 1.2**` (also `**検証: 要件1.1**`, `**验证需求: 8.9**`), ranges
 * `1.1-1.3` and `R2` / `Req 2`.
 * Items that are not ids (`All`, `N/A (Setup)`) are kept with no ids so a renumbering never touches them.
 */

export interface RefItem {
  /** The item as written, e.g. `1.1`, `R2`, `1.1-1.3`. */
  raw: string;
  column: number;
  endColumn: number;
  /** Criterion ids (`1.1`) or requirement ids (`2`) this item points to; empty when it names none. */
  ids: string[];
}

export interface RefList {
  line: number;
  /** `Requirements`, `需求`, … as written. */
  label: string;
  kind: 'requirements' | 'validates';
  /** Columns of the list text between the label and the closing marker. */
  listColumn: number;
  listEndColumn: number;
  items: RefItem[];
}

// Matched with the sticky flag at each `_` (found with indexOf): much cheaper than letting the engine try every column.
const UNDERSCORE_REFS = /_(Requirements?|Reqs?|需求|要件|要求|요구\s?사항|Requisitos?|Yêu cầu|Вимоги)[ \t]*[:：][ \t]*([^_]*?)[ \t]*_(?![\w])/iuy;
/** The verb, then the word for requirements before or after the colon; the list is group 4. */
const VALIDATES_REFS = /\*\*(Validates|Verifies|検証|验证|驗證|검증|Valida)[ \t]*(?:(Requirements?|要件|需求|요구\s?사항|Requisitos?)[ \t]*[:：]|[:：][ \t]*(Requirements?|要件|需求|요구\s?사항|Requisitos?)?(?=[ \t]*(?:要件|需求)?\d))[ \t]*([^*]*?)[ \t]*\*\*/giu;
const ITEM = /^(?:Requirements?|Req\.?|R|需求|要件|要求|요구\s?사항)?[ \t]*(\d+)(?:\.(\d+))?(?:[ \t]*[-–~][ \t]*(?:(?:R|Req\.?)?[ \t]*(\d+)\.)?(\d+))?$/i;

/** Cheap filter run before `findRefLists` on every detail line. */
export function mayHaveRefs(text: string): boolean {
  return (text.includes(':') || text.includes('：')) && (text.includes('_') || text.includes('**'));
}

export function findRefLists(text: string, line: number): RefList[] {
  const out: RefList[] = [];
  if (!mayHaveRefs(text)) return out;
  for (let at = text.indexOf('_'); at >= 0; at = text.indexOf('_', at + 1)) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    UNDERSCORE_REFS.lastIndex = at;
    const m = UNDERSCORE_REFS.exec(text);
    if (!m) continue;
    const listText = m[2] as string;
    const listColumn = text.indexOf(listText, at + 1 + (m[1] as string).length);
    out.push(makeList(line, m[1] as string, 'requirements', listText, listColumn));
    at = UNDERSCORE_REFS.lastIndex - 1;
  }
  if (!text.includes('**')) return out;
  VALIDATES_REFS.lastIndex = 0;
  for (let m = VALIDATES_REFS.exec(text); m; m = VALIDATES_REFS.exec(text)) {
    const listText = m[4] as string;
    const listColumn = (m.index ?? 0) + m[0].lastIndexOf(listText, m[0].length - 2);
    out.push(makeList(line, m[1] as string, 'validates', listText, listColumn));
  }
  return out;
}

function makeList(line: number, label: string, kind: RefList['kind'], listText: string, listColumn: number): RefList {
  const items: RefItem[] = [];
  let start = 0;
  for (let i = 0; i <= listText.length; i++) {
    const ch = listText[i];
    if (i < listText.length && ch !== ',' && ch !== '，' && ch !== '、' && ch !== ';') continue;
    const rawFull = listText.slice(start, i);
    const raw = rawFull.trim();
    if (raw) {
      const column = listColumn + start + (rawFull.length - rawFull.trimStart().length);
      items.push({ raw, column, endColumn: column + raw.length, ids: parseRefItem(raw) });
    }
    start = i + 1;
  }
  return { line, label, kind, listColumn, listEndColumn: listColumn + listText.length, items };
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** True for a plain `N` or `N.M` (the common case, handled without a regex). */
function isPlainId(raw: string): boolean {
  let dots = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46) {
      if (++dots > 1 || i === 0 || i === raw.length - 1) return false;
    } else if (c < 48 || c > 57) return false;
  }
  return raw.length > 0;
}

/** `1.1` → ['1.1'], `2` → ['2'], `1.1-1.3` → ['1.1','1.2','1.3'], `All` → []. */
export function parseRefItem(raw: string): string[] {
  if (isPlainId(raw)) return [raw];
  const m = ITEM.exec(raw.trim());
  if (!m) return [];
  const req = m[1] as string;
  const crit = m[2];
  if (m[4] === undefined) return [crit === undefined ? req : `${req}.${crit}`];
  if (crit === undefined) return [`${req}`];
  const endReq = m[3] ?? req;
  const from = Number(crit);
  const to = Number(m[4]);
  if (endReq !== req || to < from || to - from > 100) return [`${req}.${crit}`, `${endReq}.${m[4]}`];
  const ids: string[] = [];
  for (let k = from; k <= to; k++) ids.push(`${req}.${k}`);
  return ids;
}

/** The requirement part of an id: `3.2` → `3`, `3` → `3`. */
export function requirementOf(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}
