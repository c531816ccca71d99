import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommandTrust } from './command-trust';
import type { CommandTrustRule } from './trust-rules';

/** KEEL_FUZZ_RUNS=20000 for a deeper search than the default CI run. */
const RUNS = Number(process.env.KEEL_FUZZ_RUNS ?? 1500);

let trust: CommandTrust;
beforeAll(async () => {
  trust = await CommandTrust.create();
});

const rules: CommandTrustRule[] = [
  { pattern: 'npm test', match: 'prefix' },
  { pattern: 'git status', match: 'prefix' },
];

const TRUSTED = [['ls', '-la'], ['git', 'status', '-s'], ['cat', 'README.md'], ['echo', 'hi there'], ['npm', 'test'], ['grep', '-n', 'x', 'a.txt'], ['wc', '-l']];
const UNTRUSTED = [['node', 'evil.js'], ['rm', '-rf', 'x'], ['curl', 'http://x'], ['touch', 'pwned'], ['python3', '-c', '1'], ['npm', 'install', 'evil'], ['git', 'push'], ['sh', 'run.sh'], ['npm', 'testx']];

interface Piece {
  text: string;
  untrusted: boolean;
  /** A simple command: prefixes like `timeout 5` or `FOO=1` only apply to those. */
  simple: boolean;
  /** `FOO=1` in front still reads as an assignment (not after `timeout 5`, where it would be the command name). */
  assignable?: boolean;
}

/** Quotes one word in one of the ways a shell accepts, so the parser, not string matching, must see through it. */
const ALL_STYLES = ['plain', 'single', 'double', 'backslash'] as const;
const quotedWord = (word: string, styles: readonly string[] = ALL_STYLES) =>
  fc.constantFrom(...styles).map((style) => {
    const plainOk = /^[A-Za-z0-9_./:-]+$/.test(word);
    if (style === 'single' || !plainOk) return `'${word.replace(/'/g, `'\\''`)}'`;
    if (style === 'double') return `"${word}"`;
    if (style === 'backslash' && /^[a-z]/.test(word)) return `\\${word}`;
    return word;
  });

const leaf = (pool: string[][], untrusted: boolean, styles: readonly string[] = ALL_STYLES): fc.Arbitrary<Piece> =>
  fc.constantFrom(...pool).chain((words) =>
    fc.tuple(...words.map((w) => quotedWord(w, styles))).map((parts) => ({ text: parts.join(' '), untrusted, simple: true, assignable: true })),
  );

const singleQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Ways of embedding a command inside another construct; each keeps the inner command's trust. */
const WRAPS: { wrap: (p: string) => string; prefix?: true; quirk?: true; assigns?: true }[] = [
  { wrap: (p) => `( ${p} )` },
  { wrap: (p) => `{ ${p}; }` },
  { wrap: (p) => `echo "$( ${p} )"` },
  { wrap: (p) => `echo $( ${p} )` },
  { wrap: (p) => `echo \`${p.replace(/[\\`$]/g, '\\$&')}\``, quirk: true },
  { wrap: (p) => `cat <(${p})` },
  { wrap: (p) => `bash -c ${singleQuote(p)}` },
  { wrap: (p) => `sh -lc ${singleQuote(p)}` },
  { wrap: (p) => `eval ${singleQuote(p)}` },
  { wrap: (p) => `timeout 5 ${p}`, prefix: true },
  { wrap: (p) => `FOO=1 ${p}`, prefix: true, assigns: true },
  { wrap: (p) => `env A=b ${p}`, prefix: true },
  { wrap: (p) => `if true; then ${p}; fi` },
  { wrap: (p) => `while false; do ${p}; done` },
  { wrap: (p) => `${p} > /dev/null 2>&1` },
  // tree-sitter-bash misreads `! { …; }` and a `!` line after an assignment line (failing closed: the line asks).
  { wrap: (p) => `! ${p}`, prefix: true, quirk: true },
  { wrap: (p) => `for i in 1 2; do ${p}; done` },
  { wrap: (p) => `case x in x) ${p};; esac` },
  // tree-sitter-bash rejects an assignment followed by a redirect (failing closed).
  { wrap: (p) => `x=$( ${p} )`, quirk: true },
  { wrap: (p) => `[ -n "$( ${p} )" ]` },
  { wrap: (p) => `f() { ${p}; }; f` },
];

const wrapped = (piece: fc.Arbitrary<Piece>, depth: number, wraps = WRAPS): fc.Arbitrary<Piece> =>
  depth === 0
    ? piece
    : fc.oneof(
        piece,
        fc.tuple(fc.integer({ min: 0, max: wraps.length - 1 }), wrapped(piece, depth - 1, wraps)).map(([i, p]) => {
          const w = wraps[i] as (typeof WRAPS)[number];
          // A prefix on a compound command is a syntax error: wrap it in a group first so the text stays valid bash.
          const needsGroup = w.prefix && (!p.simple || (w.assigns === true && p.assignable !== true));
          const inner = needsGroup ? `bash -c ${singleQuote(p.text)}` : p.text;
          // Calling a function is itself a command nobody trusted: the chain then holds an untrusted part.
          const callsFunction = w.wrap('').includes('f() {');
          return {
            text: w.wrap(inner),
            untrusted: p.untrusted || callsFunction,
            // `FOO=1 ls` cannot take `timeout 5` in front (FOO=1 would become the command name): it is grouped first.
            simple: w.prefix === true && !w.assigns && !w.wrap('').startsWith('!'),
            assignable: false,
          };
        }),
      );

const OPERATORS = [' && ', ' || ', '; ', ' | ', '\n', ' |& ', ' & '];

const chain = (piece: fc.Arbitrary<Piece>, wraps = WRAPS, operators = OPERATORS) =>
  fc
    .tuple(fc.array(wrapped(piece, 2, wraps), { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom(...operators), { minLength: 4, maxLength: 4 }))
    .map(([pieces, ops]) => ({
      text: pieces.map((p, i) => (i === 0 ? p.text : `${ops[(i - 1) % ops.length]}${p.text}`)).join(''),
      untrusted: pieces.some((p) => p.untrusted),
    }));

describe('fuzzed command chains', () => {
  it('never runs a chain unasked when any part is untrusted', () => {
    // Writes through redirections: the words are trusted, the redirection is not.
    const writes = fc
      .constantFrom('> pwned.txt', 'echo hi >> ~/.bashrc', 'cat a.txt > /dev/sda', 'ls 2> err.log', 'ls &> out.log')
      .map((text): Piece => ({ text, untrusted: true, simple: false }));
    const anyPart = fc.oneof(leaf(TRUSTED, false), leaf(UNTRUSTED, true), writes);
    fc.assert(
      fc.property(chain(anyPart), (c) => {
        fc.pre(c.untrusted);
        const verdict = trust.evaluate(c.text, rules);
        expect(verdict.decision, c.text).toBe('ask');
      }),
      { numRuns: RUNS },
    );
  });

  it('runs a chain made only of trusted parts', () => {
    fc.assert(
      // tree-sitter-bash misreads a backslash at the start of a line, escapes inside backticks and some `!` forms;
      // all fail closed (the line asks, as the first property checks), so this usability property leaves them out.
      fc.property(chain(leaf(TRUSTED, false, ['plain', 'single', 'double']), WRAPS.filter((w) => !w.quirk)), (c) => {
        fc.pre(!c.untrusted);
        const verdict = trust.evaluate(c.text, rules);
        const blockers = verdict.commands.filter((x) => !x.trusted).map((x) => `${x.text}: ${x.reason}`);
        expect(blockers, c.text).toEqual([]);
        // The grammar also glues some lines after a pipeline onto its last command; that is detected and asks
        // ("could not be read reliably"): failing closed is allowed, any other parse error is not.
        if (verdict.parseError !== undefined) expect(verdict.parseError, c.text).toMatch(/could not be read reliably/);
        else expect(verdict.decision, c.text).toBe('run');
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
