import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type SyntaxNode = Node;

/**
 * Bash parsing through tree-sitter-bash (the grammar GitHub and editors use), run as WebAssembly so it needs no
 * native build. tree-sitter never throws on bad input: it marks ERROR / MISSING nodes, which callers must treat as
 * "could not be understood".
 */
export interface ShellParser {
  /** Parses `text` and hands the root to `use`; the tree's WebAssembly memory is freed afterwards. */
  withTree<T>(text: string, use: (root: SyntaxNode) => T): T;
}

let loading: Promise<ShellParser> | undefined;

/** Loads the grammar once per process (≈ 15 ms) and shares the parser; parsing itself is synchronous. */
export function loadShellParser(): Promise<ShellParser> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw new Error(`Could not load the bash grammar: ${err instanceof Error ? err.message : String(err)}`);
  });
  return loading;
}

/**
 * The wasm files are resolved from node_modules at run time, never copied: the CommonJS Electron bundle has its own
 * `require`, the browser host's ESM bundle defines one in its banner (both resolve from dist/electron upwards),
 * and the ESM sources (tests, tsx) build one from their own URL.
 */
function moduleRequire(): NodeJS.Require {
  return typeof require === 'function' ? require : createRequire(import.meta.url);
}

async function load(): Promise<ShellParser> {
  const req = moduleRequire();
  const runtimeWasm = req.resolve('web-tree-sitter/web-tree-sitter.wasm');
  await Parser.init({ locateFile: () => runtimeWasm });
  const bash = await Language.load(req.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(bash);
  return {
    withTree<T>(text: string, use: (root: SyntaxNode) => T): T {
      const tree: Tree | null = parser.parse(text);
      if (!tree) throw new Error('The shell parser returned no tree.');
      try {
        return use(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}
