/**
 * The workspace a command works on, read from disk: its Kiro files and specs, found with the same discovery and
 * spec listing the app's main process uses (`electron/services/specs`).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SpecSummary } from '../protocol';
import { listSpecs } from '../electron/services/specs/spec-service';
import { UsageError } from './command';
import { collectFiles, type FoundFile } from './files';

export interface CliWorkspace {
  root: string;
  /** The argument as given (`.` by default), for messages. */
  display: string;
  files: FoundFile[];
  readText(rel: string): string | undefined;
  specs(): Promise<SpecSummary[]>;
}

export function openWorkspace(dir: string | undefined, cwd: string): CliWorkspace {
  const display = dir ?? '.';
  const root = resolve(cwd, display);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`No such directory: ${display}`);
  }
  if (!isDir) throw new UsageError(`Not a directory: ${display} (give the folder that holds .kiro/)`);
  const files = collectFiles([display], cwd);
  const cache = new Map<string, string | undefined>();
  const readText = (rel: string): string | undefined => {
    if (!cache.has(rel)) {
      let text: string | undefined;
      try {
        text = readFileSync(resolve(root, rel), 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(rel, text);
    }
    return cache.get(rel);
  };
  return {
    root,
    display,
    files,
    readText,
    specs: () =>
      listSpecs({
        files: async () => files.map((f) => f.relative),
        readText: async (p) => readText(p),
        exists: async () => false,
        createFile: async () => {
          throw new Error('the CLI does not create files');
        },
      }),
  };
}

/**
 * A spec named on the command line: its name below `.kiro/specs/` (`todo-priorities`, `FIN/balance-fix`), its
 * folder (`.kiro/specs/todo-priorities`, trailing slash allowed), or a unique last segment of a nested name.
 */
export async function findSpec(ws: CliWorkspace, wanted: string): Promise<SpecSummary> {
  const specs = await ws.specs();
  const w = wanted.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '');
  const exact = specs.find((s) => s.name === w || s.dir === w);
  if (exact) return exact;
  const bySegment = specs.filter((s) => s.name.endsWith(`/${w}`));
  if (bySegment.length === 1) return bySegment[0] as SpecSummary;
  const names = specs.map((s) => s.name);
  if (bySegment.length > 1) throw new UsageError(`"${wanted}" matches several specs: ${bySegment.map((s) => s.dir).join(', ')}; give the full name`);
  throw new UsageError(`No spec "${wanted}" in ${ws.display}${names.length ? ` (specs: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''})` : ' (it has no specs)'}`);
}
