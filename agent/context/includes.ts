/**
 * `#[[file:relative/path]]` in steering: the referenced file's text is added to the context after the steering
 * body. Paths are workspace-relative (also in user-level steering) and confined to the workspace; references inside
 * included files are followed too; a path that does not exist from the root is tried beside the referencing file. Missing files, escapes, secrets and cycles become problems; a file referenced
 * twice is included once.
 */
import type { SecretPolicy } from '../tools/secrets';
import type { ContextProblem, ContextWorkspace } from './ports';
import { confineRelative } from './workspace-path';

const FILE_REF = /#\[\[file:([^\]\n]+?)\]\]/g;
const MAX_DEPTH = 8;

export interface IncludedFile {
  path: string;
  text: string;
  /** The steering file or included file that referenced it. */
  from: string;
}

export interface IncludeOptions {
  workspace: ContextWorkspace;
  secrets: SecretPolicy;
  maxChars: number;
  problems: ContextProblem[];
}

/** Every file reachable from `text` (written in `origin`), depth first in reference order. */
export async function resolveIncludes(text: string, origin: string, options: IncludeOptions): Promise<IncludedFile[]> {
  const out: IncludedFile[] = [];
  const seen = new Set<string>();
  await visit(text, origin, [origin], 0, seen, out, options);
  return out;
}

export function fileRefsIn(text: string): string[] {
  return [...text.matchAll(FILE_REF)].map((m) => (m[1] as string).trim());
}

async function visit(text: string, from: string, stack: string[], depth: number, seen: Set<string>, out: IncludedFile[], o: IncludeOptions): Promise<void> {
  for (const ref of fileRefsIn(text)) {
    const confined = confineRelative(ref);
    if ('error' in confined) {
      o.problems.push({ code: 'include/outside', path: from, message: `${from}: #[[file:${ref}]] was not included: ${confined.error}.` });
      continue;
    }
    const found = await locate(confined.path, ref, from, o);
    if (!found) {
      o.problems.push({ code: 'include/missing', path: from, message: `${from}: #[[file:${ref}]] does not exist.` });
      continue;
    }
    const path = found;
    if (stack.includes(path)) {
      o.problems.push({ code: 'include/cycle', path: from, message: `${from}: #[[file:${ref}]] includes itself again (${[...stack, path].join(' → ')}); the repeat was skipped.` });
      continue;
    }
    if (seen.has(path)) continue;
    if (depth >= MAX_DEPTH) {
      o.problems.push({ code: 'include/depth', path: from, message: `${from}: #[[file:${ref}]] is nested more than ${MAX_DEPTH} includes deep; it was skipped.` });
      continue;
    }
    if (await o.secrets.isRefusedReal(path, o.workspace.realPath?.bind(o.workspace))) {
      o.problems.push({ code: 'include/secret', path: from, message: `${from}: #[[file:${ref}]] looks like a secret, so it was not read. Attach it with #file if the agent should see it.` });
      continue;
    }
    let body: string;
    try {
      body = await o.workspace.readFile(path);
    } catch (e) {
      o.problems.push({ code: 'include/missing', path: from, message: `${from}: #[[file:${ref}]] could not be read: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    seen.add(path);
    if (body.length > o.maxChars) {
      o.problems.push({ code: 'chip/truncated', path, message: `${path} is ${body.length} characters; only the first ${o.maxChars} were included.` });
      body = body.slice(0, o.maxChars);
    }
    out.push({ path, text: body, from });
    await visit(body, path, [...stack, path], depth + 1, seen, out, o);
  }
}

/**
 * Kiro documents include paths as workspace-relative; some projects write them relative to the steering file
 * (`#[[file:testing-standards.md]]` beside it). The workspace-relative file wins; the sibling is the fallback.
 * Secrets are located like any file (the refusal message names them) but never read here.
 */
async function locate(path: string, ref: string, from: string, o: IncludeOptions): Promise<string | undefined> {
  const candidates = [path];
  const dir = from.includes('/') && !from.startsWith('~') ? from.slice(0, from.lastIndexOf('/')) : undefined;
  if (dir) {
    const sibling = confineRelative(`${dir}/${ref}`);
    if ('path' in sibling && sibling.path !== path) candidates.push(sibling.path);
  }
  for (const c of candidates) {
    const stat = await o.workspace.stat(c).catch(() => undefined);
    if (stat?.type === 'file') return c;
  }
  return undefined;
}
