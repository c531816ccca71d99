import { extractCommands } from './extract-commands';
import type { ShellParser } from './shell-parser';
import type { SimpleCommand } from './simple-command';

/**
 * A user's "always run" rule. `prefix` matches on parsed words: `git status` covers `git status -s` but not
 * `git statusx`, and never `git status; rm x` (each simple command is matched on its own).
 */
export interface CommandTrustRule {
  pattern: string;
  match: 'prefix' | 'exact';
}

export interface CompiledRule {
  rule: CommandTrustRule;
  words: string[];
}

export type CompileResult = { ok: true; compiled: CompiledRule } | { ok: false; error: string };

/** A pattern must be one plain command with literal words: no operators, substitutions or variables. */
export function compileRule(parser: ShellParser, rule: CommandTrustRule): CompileResult {
  const text = rule.pattern.trim();
  if (!text) return { ok: false, error: 'A trust pattern cannot be empty.' };
  const { commands, parseError } = extractCommands(parser, text);
  if (parseError) return { ok: false, error: `The pattern "${text}" is not valid shell syntax.` };
  const only = commands[0];
  if (commands.length !== 1 || !only || only.wrappers.length > 0 || only.assignments.length > 0 || only.redirects.length > 0) {
    return { ok: false, error: `The pattern "${text}" must be a single command without operators, wrappers or redirects.` };
  }
  const words = only.words.map((w) => w.value);
  if (words.length === 0 || words.some((w) => w === null)) {
    return { ok: false, error: `The pattern "${text}" must use literal words only (no $VAR or $(…)).` };
  }
  return { ok: true, compiled: { rule, words: words as string[] } };
}

export function ruleMatches(compiled: CompiledRule, cmd: SimpleCommand): boolean {
  const { words } = compiled;
  if (cmd.words.length < words.length) return false;
  for (let i = 0; i < words.length; i++) {
    if (cmd.words[i]?.value !== words[i]) return false;
  }
  if (compiled.rule.match === 'exact') {
    return cmd.words.length === words.length && !cmd.openArguments;
  }
  return true;
}

/** Tools whose first argument names what they do (`npm test`, `git commit`): a rule should keep it. */
const SUBCOMMAND_TOOLS = new Set([
  'git', 'npm', 'pnpm', 'yarn', 'bun', 'npx', 'cargo', 'go', 'docker', 'kubectl', 'make', 'just', 'pip', 'pip3',
  'poetry', 'uv', 'dotnet', 'mvn', 'gradle', './gradlew', 'terraform', 'helm', 'gh', 'brew', 'apt', 'apt-get',
  'composer', 'bundle', 'rake', 'mix', 'deno', 'swift', 'flutter', 'dart', 'nx', 'turbo', 'pytest', 'vitest', 'jest',
]);
/** `npm run build`: the script name matters as much as `run`. */
const RUNNERS = new Set(['run', 'run-script', 'exec', 'x', 'dlx']);

/** The prefix the "Run and trust" choice offers for a command: its name, plus the subcommand for known tools. */
export function suggestPattern(cmd: SimpleCommand): string | null {
  const values = cmd.words.map((w) => w.value);
  const name = values[0];
  if (!name) return null;
  const parts = [name];
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (SUBCOMMAND_TOOLS.has(base) || SUBCOMMAND_TOOLS.has(name)) {
    const sub = values[1];
    if (sub && !sub.startsWith('-')) {
      parts.push(sub);
      const script = values[2];
      if (RUNNERS.has(sub) && script && !script.startsWith('-')) parts.push(script);
    }
  }
  return parts.map(quoteWord).join(' ');
}

/** Quotes a word for a pattern only when the shell would otherwise split or expand it. */
export function quoteWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
