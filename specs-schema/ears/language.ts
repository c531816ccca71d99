/**
 * The language a criterion is written in, and the localized words for SHALL that Kiro writes in the languages of the
 * corpus. Kiro keeps the EARS keywords in English in most localized specs (`WHEN … THE Auth_Module SHALL …`), but
 * some write the modal in their own language (`WHEN … THEN 系统应…`) and some write no EARS at all. EARS lint checks
 * what it can read and says once, per document, what it did not check — never a "Not EARS" on every criterion.
 */

export type CriterionLanguage = 'en' | 'zh' | 'ja' | 'ko' | 'vi' | 'uk' | 'ru' | 'es' | 'pt' | 'other';

export const LANGUAGE_NAME: Record<CriterionLanguage, string> = {
  en: 'English',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  vi: 'Vietnamese',
  uk: 'Ukrainian',
  ru: 'Russian',
  es: 'Spanish',
  pt: 'Portuguese',
  other: 'this language',
};

const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u3400-\u9fff]/;
const HANGUL = /[\uac00-\ud7af]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/;
/** Letters only Vietnamese uses among Latin scripts (ơ ư đ and the stacked tone marks). */
const VIETNAMESE = /[ơưđăƠƯĐĂạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const SPANISH_WORDS = /(?<![\p{L}])(?:el|la|al|y|un|lo|es|de|en|los|las|del|una|debe|deberá|cuando|para|que|se|con|por|ñ\p{L}*|\p{L}*ñ\p{L}*|está|según|también)(?![\p{L}])/giu;
const PORTUGUESE_WORDS = /(?<![\p{L}])(?:o|os|as|da|do|das|dos|de|e|em|no|na|ao|à|um|uma|não|deve|deverá|quando|para|que|com|por|\p{L}*ção|\p{L}*ções|\p{L}*ões|está|também|será)(?![\p{L}])/giu;
const ENGLISH_WORDS = /(?<![\p{L}])(?:the|and|shall|when|with|of|to|is|a|an|be|if|then|while|where|system|user|should|must|will)(?![\p{L}])/giu;

function countMatches(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

/** A best guess from the script, then from common words; good enough to name a language in a message. */
export function criterionLanguage(text: string): CriterionLanguage {
  if (HANGUL.test(text)) return 'ko';
  if (KANA.test(text)) return 'ja';
  if (HAN.test(text)) return 'zh';
  if (CYRILLIC.test(text)) return UKRAINIAN_LETTERS.test(text) ? 'uk' : 'ru';
  if (VIETNAMESE.test(text)) return 'vi';
  const en = countMatches(ENGLISH_WORDS, text);
  const es = countMatches(SPANISH_WORDS, text);
  const pt = countMatches(PORTUGUESE_WORDS, text);
  if (en >= es && en >= pt) return en > 0 || /^[\x20-\x7e]*$/.test(text) ? 'en' : 'other';
  return pt > es ? 'pt' : 'es';
}

/**
 * SHALL in the corpus languages: 应/应当/应该/必须 (not 响应 "response" or 应用 "application"), しなければならない /
 * すること / ものとする, 해야 한다, PHẢI, DEVE/DEVERÁ, DEBE/DEBERÁ, ПОВИНЕН/ПОВИННА/МАЄ, ДОЛЖЕН.
 */
const LOCAL_SHALL =
  /(?<![响适对供反相回效感呼])应(?!用)|必须|必須|しなければならない|すること|ものとする|해야\s?(?:한다|합니다|함)|(?<![\p{L}])(?:phải|deve|deverá|devem|deverão|debe|deberá|deben|deberán|повинен|повинна|повинно|повинні|має|мають|должен|должна|должно|должны)(?![\p{L}])/iu;

export function hasLocalShall(text: string): boolean {
  return LOCAL_SHALL.test(text);
}

/** English EARS keywords anywhere: a criterion that uses them is being written in EARS, whatever its language. */
export function usesEnglishEars(text: string): boolean {
  return /(?<![\p{L}])(?:WHEN|WHILE|IF|WHERE|THE|SHALL|THEN)(?![\p{L}])/u.test(text);
}
