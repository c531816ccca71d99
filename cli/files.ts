/** Collecting the Kiro files named on the command line: files as given, directories walked for `.kiro/` content. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from './command';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.venv', 'target']);

export interface FoundFile {
  /** The path to print: the argument joined with the file's path inside it, `/`-separated. */
  display: string;
  /** Absolute path to read. */
  absolute: string;
  /** Path relative to the directory argument (workspace-relative), or the file name for a file argument. */
  relative: string;
}

const posix = (p: string) => p.split(sep).join('/');

/** A file counts when it sits inside a `.kiro/` folder or is an AGENTS.md. */
export function isKiroPath(rel: string): boolean {
  return /(^|\/)\.kiro\//.test(rel) || /(^|\/)AGENTS\.md$/.test(rel);
}

export function collectFiles(args: readonly string[], cwd: string): FoundFile[] {
  const out: FoundFile[] = [];
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      throw new UsageError(`No such file or directory: ${arg}`);
    }
    if (stat.isFile()) {
      out.push({ display: posix(arg), absolute, relative: posix(arg) });
      continue;
    }
    for (const file of walk(absolute)) {
      const rel = posix(relative(absolute, file));
      if (isKiroPath(rel)) out.push({ display: posix(join(arg, rel)), absolute: file, relative: rel });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const files: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) files.push(...walk(full));
    } else if (e.isFile()) files.push(full);
  }
  return files;
}
