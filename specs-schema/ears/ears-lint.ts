/**
 * EARS lint for acceptance criteria. Each criterion is classified (ubiquitous, event-driven WHEN, state-driven
 * WHILE, unwanted IF…THEN, optional WHERE, complex) and criteria that lack SHALL, fit no pattern, use vague words
 * or repeat an id are reported with ranges and, where the fix is obvious, a one-click replacement.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { BugfixDoc } from '../requirements/parse-bugfix';
import type { Criterion, Requirement, RequirementsDoc } from '../requirements/parse-requirements';
import type { SourceLine } from '../text/lines';
import { criterionLanguage, hasLocalShall, LANGUAGE_NAME, usesEnglishEars, type CriterionLanguage } from './language';

/** `unchecked`: written in a language whose EARS Keel cannot read (reported once per document, not per criterion). */
export type EarsPattern = 'ubiquitous' | 'event' | 'state' | 'unwanted' | 'optional' | 'complex' | 'none' | 'unchecked';

export interface EarsClassification {
  pattern: EarsPattern;
  hasShall: boolean;
}

const KEYWORDS = { WHEN: 'event', WHILE: 'state', IF: 'unwanted', WHERE: 'optional' } as const;
type Keyword = keyof typeof KEYWORDS;

/** Words that make a requirement untestable; matched case-insensitively as whole words. */
export const VAGUE_WORDS = [
  'fast', 'quickly', 'quick', 'user-friendly', 'user friendly', 'easy', 'easily', 'intuitive', 'intuitively', 'etc', 'appropriate',
  'appropriately', 'efficient', 'efficiently', 'robust', 'seamless', 'seamlessly', 'as needed', 'if possible', 'reasonable',
  'reasonably', 'flexible', 'adequate', 'sufficient', 'simple', 'user friendly', 'and/or', 'as appropriate', 'normally',
];
const VAGUE = new RegExp(`(?<![\\w-])(${[...new Set(VAGUE_WORDS)].map((w) => w.replace(/[/]/g, '\\/')).join('|')})(?![\\w-])\\.?`, 'gi');
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** Strips Markdown emphasis so `**WHEN**` reads as WHEN. */
function plain(text: string): string {
  return text.replace(/\*\*|__|`/g, '').trim();
}

export function classifyEars(text: string): EarsClassification {
  const t = plain(text);
  const englishShall = t.search(/\bshall\b/i);
  // SHALL written in the spec's own language (`WHEN … THEN 系统应…`, `… o sistema DEVE …`) states a response too.
  const hasShall = englishShall >= 0 || hasLocalShall(t);
  if (!hasShall) return { pattern: 'none', hasShall };
  const lead = /^([A-Za-z]+)\b/.exec(t)?.[1]?.toUpperCase() as Keyword | undefined;
  const found = new Set<Keyword>();
  if (lead && lead in KEYWORDS) found.add(lead);
  for (const k of Object.keys(KEYWORDS) as Keyword[]) if (new RegExp(`\\b${k}\\b`).test(t)) found.add(k);
  const leadIsKeyword = lead !== undefined && lead in KEYWORDS;
  if (englishShall < 0) {
    if (!leadIsKeyword) return { pattern: 'ubiquitous', hasShall };
    return { pattern: found.size > 1 ? 'complex' : KEYWORDS[lead as Keyword], hasShall };
  }
  const beforeShall = t.slice(0, englishShall);
  if (!leadIsKeyword) {
    // A keyword after SHALL ("… SHALL x WHEN y") is not an EARS shape; before it, it is part of the subject.
    const laterKeyword = (Object.keys(KEYWORDS) as Keyword[]).some((k) => new RegExp(`\\b${k}\\b`).test(t.slice(beforeShall.length)));
    return { pattern: laterKeyword || beforeShall.trim() === '' ? 'none' : 'ubiquitous', hasShall };
  }
  if (beforeShall.trim().split(/\s+/).length < 3) return { pattern: 'none', hasShall };
  if (found.size > 1) return { pattern: 'complex', hasShall };
  return { pattern: KEYWORDS[lead as Keyword], hasShall };
}

/** A criterion with no SHALL in a language other than English and no English EARS keyword: EARS cannot be read. */
function uncheckedLanguage(text: string, cls: EarsClassification): CriterionLanguage | undefined {
  if (cls.hasShall) return undefined;
  const t = plain(text);
  const lang = criterionLanguage(t);
  return lang !== 'en' && !usesEnglishEars(t) ? lang : undefined;
}

export interface CriterionLint {
  id: string;
  line: number;
  pattern: EarsPattern;
}

export interface EarsReport {
  criteria: CriterionLint[];
  diagnostics: Diagnostic[];
}

export function lintEars(doc: RequirementsDoc | BugfixDoc): EarsReport {
  const diagnostics: Diagnostic[] = [];
  const criteria: CriterionLint[] = [];
  const seenReq = new Map<string, Requirement>();
  const unchecked = new Map<CriterionLanguage, Criterion[]>();
  for (const req of doc.requirements) {
    const dupReq = seenReq.get(req.id);
    if (dupReq && doc.kind === 'requirements') {
      diagnostics.push(diag('error', 'requirements/duplicate-id', `Requirement ${req.id} is defined twice (also on line ${dupReq.heading.line + 1}).`, req.heading.line, Math.max(0, req.idColumn), { column: Math.max(0, req.idColumn) + req.id.length }));
    } else seenReq.set(req.id, req);
    if (req.criteria.length === 0 && doc.kind === 'requirements') {
      diagnostics.push(diag('warning', 'requirements/no-criteria', `Requirement ${req.id} has no acceptance criteria, so nothing can verify it.`, req.heading.line, req.heading.textColumn, { column: req.heading.textColumn + req.heading.text.length }));
    }
    const seen = new Map<string, Criterion>();
    const describesDefect = 'section' in req && req.section === 'current';
    req.criteria.forEach((c, k) => {
      const cls = classifyEars(c.text);
      const lang = describesDefect ? undefined : uncheckedLanguage(c.text, cls);
      if (lang) unchecked.set(lang, [...(unchecked.get(lang) ?? []), c]);
      criteria.push({ id: c.id, line: c.line, pattern: lang ? 'unchecked' : describesDefect && !cls.hasShall ? 'event' : cls.pattern });
      const line = doc.lines[c.line] as SourceLine;
      const dup = seen.get(c.id);
      if (dup) {
        const numberAt = c.markerColumn + c.marker.search(/\d+[.)]?$/);
        const expected = String(k + 1);
        const fix = /^\d+[.)]$/.test(c.marker) ? { title: `Renumber as ${expected}`, start: line.offset + c.markerColumn, end: line.offset + c.markerColumn + c.marker.length - 1, text: expected } : undefined;
        diagnostics.push(diag('error', 'ears/duplicate-id', `Criterion ${c.id} appears twice (also on line ${dup.line + 1}); references to it are ambiguous.`, c.line, Math.max(c.markerColumn, numberAt), { column: c.markerColumn + c.marker.length }, fix));
      } else seen.set(c.id, c);
      if (!describesDefect && !lang) diagnostics.push(...shapeDiagnostics(c, cls, line));
      diagnostics.push(...vagueDiagnostics(doc, c));
    });
  }
  const uncheckedList = [...unchecked.values()].flat().sort((a, b) => a.line - b.line);
  if (uncheckedList.length) {
    // One note per document, named for the language most of those criteria are in.
    const lang = criterionLanguage(uncheckedList.map((c) => plain(c.text)).join(' '));
    const list = uncheckedList;
    const first = list[0] as Criterion;
    const n = list.length === 1 ? '1 acceptance criterion is' : `${list.length} acceptance criteria are`;
    diagnostics.push(diag('info', 'ears/not-checked', `EARS not checked for ${LANGUAGE_NAME[lang === 'en' ? 'other' : lang]}: ${n} written without EARS keywords (WHEN / WHILE / IF … THEN / WHERE … SHALL) that Keel can read in this language.`, first.line, first.textColumn, { column: (doc.lines[first.line] as SourceLine).text.length }));
  }
  return { criteria, diagnostics };
}

function shapeDiagnostics(c: Criterion, cls: EarsClassification, line: SourceLine): Diagnostic[] {
  const end = { line: c.endLine, column: c.endLine === c.line ? line.text.length : undefined };
  const firstLine = line.text.slice(c.textColumn);
  if (!cls.hasShall) {
    const weak = /\b(should|must|will)\b/i.exec(firstLine);
    const fix = weak ? { title: `Replace "${weak[1]}" with SHALL`, start: line.offset + c.textColumn + weak.index, end: line.offset + c.textColumn + weak.index + (weak[1] as string).length, text: 'SHALL' } : undefined;
    const severity = CJK.test(c.text) ? 'info' : 'warning';
    return [diag(severity, 'ears/missing-shall', `Criterion ${c.id} has no SHALL, so it does not state a required response.`, c.line, c.textColumn, end, fix)];
  }
  const out: Diagnostic[] = [];
  const t = plain(c.text);
  if (/^if\b/i.test(t) && !/\bthen\b/i.test(t)) {
    const subject = /,\s*(?=the\b)/i.exec(firstLine);
    const fix = subject ? { title: 'Insert THEN', start: line.offset + c.textColumn + subject.index + subject[0].length, end: line.offset + c.textColumn + subject.index + subject[0].length, text: 'THEN ' } : undefined;
    out.push(diag('warning', 'ears/if-without-then', `Criterion ${c.id} starts with IF but has no THEN (unwanted-behaviour pattern: IF <condition> THEN <system> SHALL <response>).`, c.line, c.textColumn, end, fix));
  } else if (cls.pattern === 'none') {
    out.push(diag('warning', 'ears/no-pattern', `Criterion ${c.id} fits no EARS pattern; write "[WHEN|WHILE|IF|WHERE <condition>,] THE <system> SHALL <response>".`, c.line, c.textColumn, end));
  }
  return out;
}

function vagueDiagnostics(doc: RequirementsDoc | BugfixDoc, c: Criterion): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let l = c.line; l <= c.endLine; l++) {
    const line = doc.lines[l] as SourceLine;
    const from = l === c.line ? c.textColumn : 0;
    const text = line.text.slice(from);
    for (const m of text.matchAll(VAGUE)) {
      const col = from + (m.index ?? 0);
      out.push(diag('warning', 'ears/vague', `"${m[0]}" is vague; say what can be measured or tested.`, l, col, { column: col + m[0].length }));
    }
  }
  return out;
}
