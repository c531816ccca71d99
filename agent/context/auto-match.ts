/**
 * The rule for `inclusion: auto` (Kiro leaves it to the model; Keel decides before the call so the choice is
 * visible and testable). A file is included when the prompt
 *   1. mentions its name — the file name with `-`/`_` read as spaces (`api-design` ↔ "API design"), or the
 *      front matter `name` — as a whole phrase, ignoring case; or
 *   2. shares at least two significant terms with its description (one, when the description has only one).
 * Terms are words of three or more letters, minus common English and steering filler words ("load when working
 * with…"), with plural/-ing/-ed endings folded ("tokens" = "token", "testing" = "test").
 */

const STOPWORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out has have him his how its may new now old see two ' +
    'way who did get let put say she too use that with this from they will would there their what when where which ' +
    'while about into than then them these those some such only also very just more most other over under your yours ' +
    'each every should could must been being were does doing done make made like want need please help file files ' +
    'load loaded loading work working used using uses guide guidance guidelines rule rules info information ' +
    'include includes included steering document documents doc docs here thing things across within without'
  ).split(' '),
);

export function significantTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    const stem = fold(word);
    if (!STOPWORDS.has(stem)) out.add(stem);
  }
  return out;
}

function fold(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Why an auto file applies to the prompt, or undefined when it does not. */
export function autoMatch(prompt: string, names: readonly string[], description: string | undefined): string | undefined {
  const lower = ` ${prompt.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  for (const name of names) {
    const phrase = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    if (phrase && lower.includes(` ${phrase} `)) return `the prompt mentions "${name}"`;
  }
  if (!description) return undefined;
  const wanted = significantTerms(description);
  if (!wanted.size) return undefined;
  const have = significantTerms(prompt);
  const shared = [...wanted].filter((t) => have.has(t));
  return shared.length >= Math.min(2, wanted.size) ? `the prompt shares ${shared.map((t) => `"${t}"`).join(', ')} with its description` : undefined;
}
