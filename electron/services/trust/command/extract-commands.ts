import type { ShellParser, SyntaxNode } from './shell-parser';
import { isRedirectNode, redirectOf, wordOf } from './shell-words';
import type { CommandOrigin, ShellAssignment, ShellRedirect, ShellWord, SimpleCommand } from './simple-command';
import { shellInvocation, unwrapOnce } from './wrappers';

/** `bash -c "bash -c '…'"` nests; past this depth the innermost script is not read and must be asked about. */
const MAX_SCRIPT_DEPTH = 4;

export interface Extraction {
  commands: SimpleCommand[];
  /** Set when (part of) the text is not valid shell syntax: nothing can then be run unasked. */
  parseError?: string;
}

interface Context {
  origin: CommandOrigin;
  pipeline?: { id: number; index: number };
  parent?: number;
  redirects: ShellRedirect[];
  wrappers: string[];
}

/**
 * Finds every simple command in a command line: through lists, pipelines, subshells, groups, control flow,
 * function bodies, `$(…)`, backticks, `<(…)`, heredoc bodies, assignments, wrappers (`env`, `timeout`, `xargs`, …),
 * `find -exec`, and the scripts given to `bash -c` / `sh -c` / `eval` (parsed in turn).
 */
export function extractCommands(parser: ShellParser, text: string): Extraction {
  const state = { commands: [] as SimpleCommand[], pipelines: 0, parseError: undefined as string | undefined };
  extractInto(parser, text, state, { origin: 'top', redirects: [], wrappers: [] }, 0);
  return state.parseError ? { commands: state.commands, parseError: state.parseError } : { commands: state.commands };
}

interface State {
  commands: SimpleCommand[];
  pipelines: number;
  parseError: string | undefined;
}

function extractInto(parser: ShellParser, text: string, state: State, ctx: Context, depth: number): boolean {
  return parser.withTree(text, (root) => {
    const suspicious = root.hasError ? undefined : findMisread(root, text);
    if (suspicious) {
      state.parseError ??= `The command could not be read reliably near "${suspicious.slice(0, 20)}".`;
    }
    if (root.hasError) {
      state.parseError ??= describeError(root, text);
      // Still walk what parsed, so warnings about recognisable parts are shown.
    }
    walk(root, ctx, state, parser, depth);
    return !root.hasError && !suspicious;
  });
}

/**
 * tree-sitter-bash 0.25 sometimes glues the next line onto a command: a line starting with a backslash, or a line
 * after `|& cmd "$(…)"`, becomes more arguments of the command before. A simple command never spans an unescaped
 * newline, so a word holding one, or a newline between a command's words, means the tree is wrong.
 */
function findMisread(node: SyntaxNode, text: string): string | undefined {
  if (node.type === 'word' && /(^|[^\\])\n/.test(node.text)) return node.text;
  if (node.type === 'string' || node.type === 'raw_string' || node.type === 'heredoc_body' || node.type === 'comment') return undefined;
  if (node.type === 'command') {
    const parts = node.children;
    for (let i = 1; i < parts.length; i++) {
      const gap = text.slice((parts[i - 1] as SyntaxNode).endIndex, (parts[i] as SyntaxNode).startIndex).replace(/\\\n/g, '');
      if (gap.includes('\n')) return (parts[i] as SyntaxNode).text;
    }
  }
  for (const child of node.namedChildren) {
    const found = findMisread(child, text);
    if (found) return found;
  }
  return undefined;
}

function describeError(root: SyntaxNode, text: string): string {
  const bad = findError(root);
  if (!bad) return 'The command is not valid shell syntax.';
  if (bad.isMissing) return `The command is incomplete: "${bad.type}" is missing.`;
  const near = text.slice(bad.startIndex, bad.startIndex + 20);
  return `The command is not valid shell syntax near "${near}".`;
}

function findError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing) {
      const found = findError(child);
      if (found) return found;
    }
  }
  return undefined;
}

function walk(node: SyntaxNode, ctx: Context, state: State, parser: ShellParser, depth: number): void {
  switch (node.type) {
    case 'command':
      visitCommand(node, ctx, state, parser, depth);
      return;
    case 'declaration_command':
    case 'unset_command':
    case 'variable_assignment':
    case 'variable_assignments':
      visitAssignmentLike(node, ctx, state, parser, depth);
      return;
    case 'redirected_statement': {
      const redirects = node.childrenForFieldName('redirect').filter((r): r is SyntaxNode => r !== null);
      const body = node.childForFieldName('body');
      const inner = { ...ctx, redirects: [...ctx.redirects, ...redirects.filter(isRedirectNode).map(redirectOf)] };
      if (body) walk(body, inner, state, parser, depth);
      else pushBareRedirect(node, inner.redirects, ctx, state);
      for (const r of redirects) walkChildren(r, substitutionContext(ctx, undefined), state, parser, depth);
      return;
    }
    case 'pipeline': {
      const id = state.pipelines++;
      node.namedChildren.forEach((child, index) => walk(child, { ...ctx, pipeline: { id, index } }, state, parser, depth));
      return;
    }
    case 'command_substitution':
      if (node.text.startsWith('`')) {
        visitBackticks(node, ctx, state, parser, depth);
        return;
      }
      {
        const sub: Context = { ...ctx, origin: 'substitution', pipeline: undefined, redirects: [] };
        // `$(< file)` and `$(> file)`: the grammar hangs the redirect on the substitution itself.
        const redirects = node.namedChildren.filter(isRedirectNode).map(redirectOf);
        if (redirects.length) pushBareRedirect(node, redirects, sub, state);
        walkChildren(node, sub, state, parser, depth);
      }
      return;
    case 'process_substitution':
      walkChildren(node, { ...ctx, origin: 'substitution', pipeline: undefined, redirects: [] }, state, parser, depth);
      return;
    case 'function_definition':
      walkChildren(node, { ...ctx, origin: 'function-body', pipeline: undefined }, state, parser, depth);
      return;
    case 'comment':
      return;
    default:
      walkChildren(node, ctx, state, parser, depth);
  }
}

/**
 * Inside backticks bash first drops the backslash before a dollar sign, a backtick or a backslash, then parses
 * what is left, so an escaped "$(x)" inside backticks still runs x. The grammar skips that step: the text is
 * unescaped and parsed again here.
 */
function visitBackticks(node: SyntaxNode, ctx: Context, state: State, parser: ShellParser, depth: number): void {
  const inner = node.text.slice(1, -1).replace(/\\([$`\\])/g, '$1');
  if (depth >= MAX_SCRIPT_DEPTH) {
    state.parseError ??= 'Backticks are nested too deeply to check.';
    return;
  }
  const sub: Context = { ...ctx, origin: 'substitution', pipeline: undefined, redirects: [] };
  if (!extractInto(parser, inner, state, sub, depth + 1)) state.parseError ??= 'A backtick substitution is not valid shell syntax.';
}

/** A redirection with no command (`> file` truncates or creates the file): judged like a command. */
function pushBareRedirect(node: SyntaxNode, redirects: ShellRedirect[], ctx: Context, state: State): void {
  state.commands.push(simpleCommand(node, [], [], redirects, ctx));
}

/** A simple command found at `node`, carrying where it was found (origin, wrappers, pipeline, parent). */
function simpleCommand(
  node: SyntaxNode,
  words: ShellWord[],
  assignments: ShellAssignment[],
  redirects: ShellRedirect[],
  ctx: Context,
): SimpleCommand {
  return {
    text: node.text,
    words,
    assignments,
    redirects,
    origin: ctx.origin,
    wrappers: [...ctx.wrappers],
    openArguments: false,
    ...(ctx.pipeline ? { pipeline: ctx.pipeline } : {}),
    ...(ctx.parent !== undefined ? { parent: ctx.parent } : {}),
  };
}

function walkChildren(node: SyntaxNode, ctx: Context, state: State, parser: ShellParser, depth: number): void {
  for (const child of node.namedChildren) walk(child, ctx, state, parser, depth);
}

function substitutionContext(ctx: Context, parent: number | undefined): Context {
  return { origin: ctx.origin, parent, redirects: [], wrappers: [] };
}

function visitCommand(node: SyntaxNode, ctx: Context, state: State, parser: ShellParser, depth: number): void {
  const assignments: ShellAssignment[] = [];
  const redirects: ShellRedirect[] = [...ctx.redirects];
  const words: ShellWord[] = [];
  for (const child of node.namedChildren) {
    if (child.type === 'variable_assignment') assignments.push(assignmentOf(child));
    else if (isRedirectNode(child)) redirects.push(redirectOf(child));
    else if (child.type !== 'comment') words.push(wordOf(child));
  }
  const index = state.commands.length;
  state.commands.push(peelWrappers(simpleCommand(node, words, assignments, redirects, ctx)));
  // Substitutions inside the words run before the command: they are commands of their own.
  for (const child of node.namedChildren) walk(child, substitutionContext(ctx, index), state, parser, depth);
  expandInnerScripts(index, state, parser, depth);
}

function visitAssignmentLike(node: SyntaxNode, ctx: Context, state: State, parser: ShellParser, depth: number): void {
  const assignments: ShellAssignment[] = [];
  const words: ShellWord[] = [];
  const keyword = node.children[0];
  if (node.type === 'declaration_command' || node.type === 'unset_command') {
    if (keyword) words.push({ raw: keyword.text, value: keyword.text });
  }
  const collect = (n: SyntaxNode) => {
    for (const child of n.namedChildren) {
      if (child.type === 'variable_assignment') assignments.push(assignmentOf(child));
      else if (child.type === 'variable_assignments') collect(child);
      else if (words.length > 0) words.push(wordOf(child));
    }
  };
  if (node.type === 'variable_assignment') assignments.push(assignmentOf(node));
  else collect(node);
  const index = state.commands.length;
  state.commands.push({
    text: node.text,
    words,
    assignments,
    redirects: [...ctx.redirects],
    origin: ctx.origin,
    wrappers: [...ctx.wrappers],
    openArguments: false,
    ...(ctx.pipeline ? { pipeline: ctx.pipeline } : {}),
    ...(ctx.parent !== undefined ? { parent: ctx.parent } : {}),
  });
  walkChildren(node, substitutionContext(ctx, index), state, parser, depth);
}

function assignmentOf(node: SyntaxNode): ShellAssignment {
  const name = node.childForFieldName('name')?.text ?? node.text.split(/\+?=/)[0] ?? '';
  return { name, raw: node.text };
}

function peelWrappers(cmd: SimpleCommand): SimpleCommand {
  let current = cmd;
  for (let guard = 0; guard < 16; guard++) {
    const next = unwrapOnce(current.words);
    if (!next) break;
    current = {
      ...current,
      words: next.words,
      assignments: [...current.assignments, ...next.assignments.map(envWordToAssignment)],
      wrappers: [...current.wrappers, next.wrapper],
      openArguments: current.openArguments || next.openArguments,
    };
  }
  if (current.words.length > 0 && current.words[0]?.value === null) {
    current = { ...current, untrustable: `The command name "${current.words[0]?.raw}" is only known when it runs.` };
  }
  return current;
}

function envWordToAssignment(word: ShellWord): ShellAssignment {
  const v = word.value ?? word.raw;
  return { name: v.slice(0, v.indexOf('=')), raw: word.raw };
}

/** `bash -c '…'`, `eval …`, `find … -exec cmd {} ;`: the code they run is parsed and must be trusted too. */
function expandInnerScripts(index: number, state: State, parser: ShellParser, depth: number): void {
  const cmd = state.commands[index];
  if (!cmd || cmd.untrustable) return;
  const name = cmd.words[0]?.value ?? '';
  const base = name.slice(name.lastIndexOf('/') + 1);
  const inner: Context = { origin: 'inner-script', parent: index, redirects: [], wrappers: [...cmd.wrappers, shortText(cmd)] };

  let script: string | undefined;
  if (base === 'eval') {
    const values = cmd.words.slice(1).map((w) => w.value);
    if (values.some((v) => v === null)) {
      state.commands[index] = { ...cmd, untrustable: 'eval runs code that is only known when it runs.' };
      return;
    }
    script = values.join(' ');
  } else {
    const shell = shellInvocation(cmd.words);
    if (shell?.kind === 'dynamic-script') {
      state.commands[index] = { ...cmd, untrustable: `${base} -c runs a script that is only known when it runs.` };
      return;
    }
    if (shell?.kind === 'runs-file-or-stdin') {
      state.commands[index] = { ...cmd, untrustable: `${base} runs a script file or its input, which cannot be checked.` };
      return;
    }
    if (shell?.kind === 'script') script = shell.script;
  }

  if (script !== undefined) {
    if (depth >= MAX_SCRIPT_DEPTH) {
      state.commands[index] = { ...cmd, untrustable: 'Shell scripts are nested too deeply to check.' };
      return;
    }
    const before = state.commands.length;
    const ok = extractInto(parser, script, state, inner, depth + 1);
    if (!ok) {
      state.commands[index] = { ...cmd, untrustable: `The script given to ${base} is not valid shell syntax.` };
    } else if (state.commands.length > before) {
      // The runner itself only forwards to the script's commands, which now stand in the list on their own.
      state.commands[index] = { ...cmd, runsScriptOnly: true };
    }
    return;
  }
  if (base === 'find') expandFindExec(cmd, index, state);
}

function expandFindExec(cmd: SimpleCommand, index: number, state: State): void {
  const words = cmd.words;
  for (let i = 1; i < words.length; i++) {
    const v = words[i]?.value;
    if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') continue;
    let end = i + 1;
    while (end < words.length && words[end]?.value !== ';' && words[end]?.value !== '+') end++;
    const innerWords = words.slice(i + 1, end);
    if (innerWords.length === 0) continue;
    state.commands.push(
      peelWrappers({
        text: innerWords.map((w) => w.raw).join(' '),
        words: innerWords,
        assignments: [],
        redirects: [],
        origin: 'exec-argument',
        wrappers: [...cmd.wrappers, `find ${v}`],
        openArguments: false,
        parent: index,
      }),
    );
    i = end;
  }
}

function shortText(cmd: SimpleCommand): string {
  return cmd.words
    .slice(0, 2)
    .map((w) => w.raw)
    .join(' ');
}
