/**
 * Turning chips into context blocks. `#file` is an explicit attachment, so it is the one way a secret (`.env`, a
 * key, a `.kiroignore`d file) reaches the model; `#folder`, `#codebase` and `#git diff` leave secrets out and say
 * how many were left out. A chip that cannot be resolved adds a problem and no block.
 */
import type { SecretPolicy } from '../tools/secrets';
import type { Chip } from './chips-parse';
import type { ContextLimits } from './limits';
import type { ContextPorts, ContextProblem } from './ports';
import { tagged } from './render';
import { readSpecDocuments, specDir } from './spec-docs';
import { confineRelative } from './workspace-path';

export interface ChipContext {
  ports: ContextPorts;
  secrets: SecretPolicy;
  limits: ContextLimits;
  problems: ContextProblem[];
  /** The prompt without inline chips (the default `#codebase` query). */
  query: string;
  signal?: AbortSignal;
}

export async function resolveChip(chip: Exclude<Chip, { kind: 'steering' }>, c: ChipContext): Promise<string | undefined> {
  switch (chip.kind) {
    case 'file':
      return fileChip(chip.path, c);
    case 'folder':
      return folderChip(chip.path, c);
    case 'spec':
      return specChip(chip.name, c);
    case 'terminal':
      return terminalChip(chip.terminal, c);
    case 'problems':
      return problemsChip(c);
    case 'gitDiff':
      return gitDiffChip(c);
    case 'codebase':
      return codebaseChip(chip.query ?? c.query, c);
  }
}

async function fileChip(raw: string, c: ChipContext): Promise<string | undefined> {
  const confined = confineRelative(raw);
  if ('error' in confined) return missing(c, `#file:${raw} was not attached: ${confined.error}.`, raw);
  const path = confined.path;
  const stat = await c.ports.workspace.stat(path).catch(() => undefined);
  if (!stat) return missing(c, `#file:${raw} does not exist.`, path);
  if (stat.type === 'directory') return folderChip(path, c);
  // The user attached it by hand: that is the consent a secret needs (the agent's tools honour it too).
  c.secrets.attach(path);
  // …but not a permission rule that denies the read: that holds for the chip as for every tool.
  const refused = c.secrets.readRefusal(path);
  if (refused) return missing(c, `#file:${raw} was not attached. ${refused}`, path);
  const text = await readText(path, c);
  return text === undefined ? undefined : tagged('file', { path }, text);
}

async function readText(path: string, c: ChipContext, limit = c.limits.fileChars): Promise<string | undefined> {
  let text: string;
  try {
    text = await c.ports.workspace.readFile(path);
  } catch (e) {
    return missing(c, `${path} could not be read: ${e instanceof Error ? e.message : String(e)}`, path);
  }
  if (text.includes('\u0000')) {
    c.problems.push({ code: 'chip/unavailable', path, message: `${path} looks binary; it was not included.` });
    return undefined;
  }
  if (text.length > limit) {
    c.problems.push({ code: 'chip/truncated', path, message: `${path} is ${text.length} characters; only the first ${limit} were included.` });
    return `${text.slice(0, limit)}\n… (truncated)`;
  }
  return text;
}

async function folderChip(raw: string, c: ChipContext): Promise<string | undefined> {
  // `#folder:.` is the whole workspace.
  const confined = /^\.?\/?$/.test(raw.trim()) ? { path: '' } : confineRelative(raw);
  if ('error' in confined) return missing(c, `#folder:${raw} was not attached: ${confined.error}.`, raw);
  const path = confined.path;
  const stat = path ? await c.ports.workspace.stat(path).catch(() => undefined) : { type: 'directory' as const };
  if (stat?.type !== 'directory') return missing(c, `#folder:${raw} ${stat ? 'is not a folder' : 'does not exist'}.`, path);
  const files: string[] = [];
  let more = 0;
  let secrets = 0;
  for await (const file of c.ports.workspace.walk(path || undefined, c.signal)) {
    if (c.secrets.isRefused(file)) secrets++;
    else if (files.length < c.limits.folderFiles) files.push(file);
    else more++;
  }
  files.sort();
  const parts = [files.join('\n') + (more ? `\n… and ${more} more files` : '')];
  let budget = c.limits.folderChars;
  let skipped = 0;
  for (const file of files) {
    if (budget <= 0) {
      skipped++;
      continue;
    }
    const text = await readTextQuiet(file, c);
    if (text === undefined) continue;
    const body = text.length > budget ? `${text.slice(0, budget)}\n… (truncated)` : text;
    budget -= body.length;
    parts.push(tagged('file', { path: file }, body));
  }
  if (secrets) c.problems.push({ code: 'chip/secret', path: path || '.', message: `#folder:${raw}: ${secrets} file(s) that look like secrets were left out. Attach one with #file if the agent should see it.` });
  if (more || skipped) c.problems.push({ code: 'chip/truncated', path: path || '.', message: `#folder:${raw} is large: ${files.length + more} files; the contents of ${skipped + more} were left out.` });
  return tagged('folder', { path: path || '.', files: files.length + more }, parts.join('\n\n'));
}

/** Inside a folder, binary and unreadable files are skipped without a problem each (the listing still shows them). */
async function readTextQuiet(path: string, c: ChipContext): Promise<string | undefined> {
  const text = await c.ports.workspace.readFile(path).catch(() => undefined);
  return text === undefined || text.includes('\u0000') ? undefined : text.slice(0, c.limits.fileChars);
}

async function specChip(name: string, c: ChipContext): Promise<string | undefined> {
  const dir = specDir(name);
  if ('error' in dir) return missing(c, `#spec:${name}: ${dir.error}.`, name);
  const docs = await readSpecDocuments(c.ports.workspace, dir.path);
  if (!docs.length) return missing(c, `#spec:${name}: no spec documents in ${dir.path}.`, dir.path);
  return tagged('spec', { name: dir.path.split('/').pop(), path: dir.path }, docs.map((d) => tagged('file', { path: d.path }, d.text)).join('\n\n'));
}

async function terminalChip(terminal: string | undefined, c: ChipContext): Promise<string | undefined> {
  if (!c.ports.terminal) return unavailable(c, '#terminal');
  const out = await c.ports.terminal.recentOutput({ maxChars: c.limits.terminalChars, ...(terminal ? { terminal } : {}) }).catch(() => undefined);
  if (!out) return missing(c, '#terminal: there is no terminal output to attach.');
  return tagged('terminal', { title: out.title }, out.text.slice(-c.limits.terminalChars));
}

async function problemsChip(c: ChipContext): Promise<string | undefined> {
  if (!c.ports.problems) return unavailable(c, '#problems');
  const list = await c.ports.problems.list().catch(() => []);
  const shown = list.slice(0, c.limits.problems);
  const lines = shown.map((p) => `${p.path}:${p.line}${p.column ? `:${p.column}` : ''} ${p.severity}: ${p.message}${p.source ? ` (${p.source})` : ''}`);
  if (list.length > shown.length) lines.push(`… and ${list.length - shown.length} more`);
  return tagged('problems', { count: list.length }, lines.length ? lines.join('\n') : 'No problems.');
}

async function gitDiffChip(c: ChipContext): Promise<string | undefined> {
  if (!c.ports.git) return unavailable(c, '#git diff');
  let diff: string;
  try {
    diff = await c.ports.git.diff({ maxChars: c.limits.diffChars });
  } catch (e) {
    return missing(c, `#git diff failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { text, dropped } = dropSecretSections(diff, c.secrets);
  if (dropped.length) c.problems.push({ code: 'chip/secret', message: `#git diff: changes to ${dropped.join(', ')} were left out (they look like secrets).` });
  const body = text.length > c.limits.diffChars ? `${text.slice(0, c.limits.diffChars)}\n… (truncated)` : text;
  return tagged('git-diff', {}, body.trim() ? body : 'No changes against HEAD.');
}

/** Removes each `diff --git a/x b/x` section whose file is a secret (unless attached). */
export function dropSecretSections(diff: string, secrets: SecretPolicy): { text: string; dropped: string[] } {
  const sections = diff.split(/^(?=diff --git )/m);
  const dropped: string[] = [];
  const kept = sections.filter((section) => {
    const m = /^diff --git a\/(.+?) b\/(.+)$/m.exec(section);
    if (!m) return true;
    const paths = [m[1] as string, m[2] as string];
    if (paths.some((p) => secrets.isRefused(p))) {
      dropped.push(m[2] as string);
      return false;
    }
    return true;
  });
  return { text: kept.join(''), dropped };
}

async function codebaseChip(query: string, c: ChipContext): Promise<string | undefined> {
  if (!c.ports.codebase) return unavailable(c, '#codebase');
  if (!query.trim()) return missing(c, '#codebase needs something to search for: describe what you are looking for in the prompt.');
  const hits = await c.ports.codebase.search(query, { maxResults: c.limits.codebaseResults, ...(c.signal ? { signal: c.signal } : {}) }).catch(() => []);
  const safe = hits.filter((h) => !c.secrets.isRefused(h.path));
  const body = safe.map((h) => tagged('snippet', { path: h.path, line: h.line }, h.snippet)).join('\n\n');
  return tagged('codebase', { query }, body || 'No matches.');
}

function missing(c: ChipContext, message: string, path?: string): undefined {
  c.problems.push({ code: 'chip/missing', message, ...(path !== undefined ? { path } : {}) });
  return undefined;
}

function unavailable(c: ChipContext, chip: string): undefined {
  c.problems.push({ code: 'chip/unavailable', message: `${chip} is not available here.` });
  return undefined;
}
